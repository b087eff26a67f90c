package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.GAP_ENDPOINTS_LIST;
import static nl.phaseout.engine.process.ProcessConstants.Var.PROTECTION_GAP_ENDPOINTS;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.InventoryState.EndpointList;
import nl.phaseout.engine.inventory.EndpointStatus;
import nl.phaseout.engine.inventory.InventoryState;

/** Reports live endpoints without an active antivirus, which need attention at once, and names them for the PM. */
@Component("protectionGapDelegate")
class ProtectionGapDelegate implements JavaDelegate {

	static final int SHOWN = 50;

	private final InventoryState inventory;

	private final ProcessEvents events;

	ProtectionGapDelegate(InventoryState inventory, ProcessEvents events) {
		this.inventory = inventory;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		EndpointList unprotected = inventory.endpoints(organisation.campaignId(), organisation.organisationId(),
				EndpointStatus.UNPROTECTED, SHOWN);
		execution.setVariable(PROTECTION_GAP_ENDPOINTS, unprotected.total());
		execution.setVariable(GAP_ENDPOINTS_LIST, unprotected.describe());
		events.protectionGapDetected(organisation.campaignId(), organisation.organisationId(), unprotected.total(),
				Recorder.now());
	}

}
