package nl.phaseout.engine.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.InventoryState;

/**
 * Which organisation, in which campaign, a process instance is about: its business key and the
 * campaign it was started in, as the process's own table has them; never a process variable.
 */
record OrganisationInCampaign(String campaignId, String organisationId) {

	static OrganisationInCampaign of(DelegateExecution execution) {
		InstanceParticipation instance = ParticipantSession.current().instance(execution);
		return new OrganisationInCampaign(instance.campaignId(), instance.organisationId());
	}

	InventorySnapshot snapshot(InventoryState inventory) {
		return inventory.snapshot(campaignId, organisationId);
	}

}
