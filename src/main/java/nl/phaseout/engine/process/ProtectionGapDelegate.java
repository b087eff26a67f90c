package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.PROTECTION_GAP_ENDPOINTS;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Reports live endpoints without an active antivirus, which need attention at once. */
@Component("protectionGapDelegate")
class ProtectionGapDelegate implements JavaDelegate {

	private final InventoryState inventory;

	private final ProcessEvents events;

	ProtectionGapDelegate(InventoryState inventory, ProcessEvents events) {
		this.inventory = inventory;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		long unprotected = organisation.snapshot(inventory).unprotected();
		execution.setVariable(PROTECTION_GAP_ENDPOINTS, unprotected);
		events.protectionGapDetected(organisation.campaignId(), organisation.organisationId(), unprotected,
				ClockUtil.getCurrentTime().toInstant());
	}

}
