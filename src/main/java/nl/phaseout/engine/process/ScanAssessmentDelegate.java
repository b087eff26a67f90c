package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_BANNED;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_ENDPOINTS_LIST;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_PROTECTED;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_COMPLETED_AT;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_ENDPOINT_COUNT;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_ID;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_SOURCE;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_STALE;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_TOTAL;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_UNCOVERED_LIST;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_UNPROTECTED;
import static nl.phaseout.engine.process.ProcessConstants.Var.SCAN_VERDICT;
import static nl.phaseout.engine.process.ProcessConstants.Var.SCAN_VERDICT_REASON;
import static nl.phaseout.engine.process.ProcessConstants.Var.VERIFICATION;

import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.EndpointStatus;
import nl.phaseout.engine.inventory.InventorySnapshot.ScanVerdict;
import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.InventoryState;
import nl.phaseout.engine.inventory.InventoryState.EndpointList;
import nl.phaseout.engine.inventory.LastScan;
import nl.phaseout.engine.system.PlainText;

/**
 * Assesses the latest scan that completed after the rollout: clean (no banned product, none
 * unprotected, and its endpoint count equals the live endpoints known), incomplete (it does not
 * cover the live endpoints: keep waiting), or not clean (back to rollout). Each scan considered
 * goes into the record with its counts and verdict; a clean one becomes the sign-off's evidence.
 */
@Component("scanAssessment")
class ScanAssessmentDelegate implements JavaDelegate {

	private static final String LAST_ASSESSED = "lastAssessedScan";

	private final InventoryState inventory;

	private final ProcessRecord record;

	private final ExemptedSignOff exemptedSignOff;

	ScanAssessmentDelegate(InventoryState inventory, ProcessRecord record) {
		this(inventory, record, ExemptedSignOff.NEVER);
	}

	@Autowired
	ScanAssessmentDelegate(InventoryState inventory, ProcessRecord record, ExemptedSignOff exemptedSignOff) {
		this.inventory = inventory;
		this.record = record;
		this.exemptedSignOff = exemptedSignOff;
	}

	@Override
	public void execute(DelegateExecution execution) {
		InventorySnapshot snapshot = OrganisationInCampaign.of(execution).snapshot(inventory);
		ScanVerdict verdict = snapshot
			.verdict(exemptedSignOff.allowed(OrganisationInCampaign.of(execution).campaignId()));
		steer(execution, SCAN_VERDICT, verdict.kind().name());
		steer(execution, SCAN_VERDICT_REASON, verdict.reason());
		LastScan scan = snapshot.lastScan();
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		execution.setVariable(VERIFICATION, snapshot.rolling() ? "rolling" : "scan");
		EndpointList uncovered = snapshot.uncovered() == 0 ? null
				: inventory.uncovered(organisation.campaignId(), organisation.organisationId(), ProtectionGapDelegate.SHOWN);
		execution.setVariable(EVIDENCE_UNCOVERED_LIST, uncovered == null ? "" : uncovered.describe());
		String assessed = scan.scanId() + "|" + snapshot.total() + "|" + snapshot.banned() + "|"
				+ snapshot.unprotected() + "|" + snapshot.stale() + "|" + snapshot.uncovered() + "|" + snapshot.exempted()
				+ "|" + verdict.kind();
		if (!assessed.equals(execution.getVariable(LAST_ASSESSED))) {
			execution.setVariable(LAST_ASSESSED, assessed);
			Map<String, Object> data = Recorder.scan(snapshot);
			data.put("verdict", verdict.kind().name());
			data.put("reason", verdict.reason());
			if (uncovered != null) {
				// the endpoints the scan did not cover, by id: at most SHOWN, and how many more
				data.put("uncovered", uncovered.endpoints().stream().map(InventoryState.Endpoint::endpointId).toList());
				data.put("uncoveredMore", uncovered.total() - uncovered.endpoints().size());
			}
			Recorder.record(record, execution, ProcessRecord.Kind.VERIFICATION_SCAN, scan.source(), data);
		}
		if (verdict.kind() == ScanVerdict.Kind.CLEAN) {
			execution.setVariable(EVIDENCE_TOTAL, snapshot.total());
			execution.setVariable(EVIDENCE_BANNED, snapshot.banned());
			execution.setVariable(EVIDENCE_PROTECTED, snapshot.protectedCount());
			execution.setVariable(EVIDENCE_UNPROTECTED, snapshot.unprotected());
			execution.setVariable(EVIDENCE_STALE, snapshot.stale());
			execution.setVariable(EVIDENCE_SCAN_ID, scan.scanId());
			execution.setVariable(EVIDENCE_SCAN_ENDPOINT_COUNT, scan.endpointCount());
			execution.setVariable(EVIDENCE_SCAN_SOURCE, PlainText.value(scan.source()));
			// the endpoints the PM signs off on: every live one is protected now
			execution.setVariable(EVIDENCE_ENDPOINTS_LIST, inventory.endpoints(organisation.campaignId(),
					organisation.organisationId(), EndpointStatus.PROTECTED, ProtectionGapDelegate.SHOWN)
				.describe());
			// a string, so the form shows it as it is
			execution.setVariable(EVIDENCE_SCAN_COMPLETED_AT, Objects.toString(scan.completedAt(), null));
		}
	}

	/**
	 * A variable only the next gateway reads, transient: never written to the database (the verdict
	 * and its reason are in the record). An instance assessed by an earlier version holds it as a
	 * persistent variable, which a transient one may neither replace nor follow in one command: that
	 * one keeps it persistent.
	 */
	private static void steer(DelegateExecution execution, String name, String value) {
		TypedValue before = execution.getVariableTyped(name);
		execution.setVariable(name, Variables.stringValue(value, before == null || before.isTransient()));
	}

}
