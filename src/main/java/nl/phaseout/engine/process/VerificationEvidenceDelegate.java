package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_BANNED;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_PROTECTED;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_COMPLETED_AT;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_ID;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_TOTAL;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_UNPROTECTED;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Copies the figures the PM signs off on into the process, so the sign-off keeps its evidence. */
@Component("verificationEvidenceDelegate")
class VerificationEvidenceDelegate implements JavaDelegate {

	private final InventoryState inventory;

	VerificationEvidenceDelegate(InventoryState inventory) {
		this.inventory = inventory;
	}

	@Override
	public void execute(DelegateExecution execution) {
		InventorySnapshot snapshot = OrganisationInCampaign.of(execution).snapshot(inventory);
		execution.setVariable(EVIDENCE_TOTAL, snapshot.total());
		execution.setVariable(EVIDENCE_BANNED, snapshot.banned());
		execution.setVariable(EVIDENCE_PROTECTED, snapshot.protectedCount());
		execution.setVariable(EVIDENCE_UNPROTECTED, snapshot.unprotected());
		execution.setVariable(EVIDENCE_SCAN_ID, snapshot.lastScanId());
		// a string, so the form shows it as it is
		execution.setVariable(EVIDENCE_SCAN_COMPLETED_AT, Objects.toString(snapshot.lastScanCompletedAt(), null));
	}

}
