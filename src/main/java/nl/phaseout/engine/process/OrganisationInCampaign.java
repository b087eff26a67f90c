package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.CAMPAIGN_ID;
import static nl.phaseout.engine.process.ProcessConstants.Var.ORGANISATION_ID;

import org.camunda.bpm.engine.delegate.VariableScope;

import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.InventoryState;

/** Which organisation, in which campaign, a process instance is about. */
record OrganisationInCampaign(String campaignId, String organisationId) {

	static OrganisationInCampaign of(VariableScope scope) {
		return new OrganisationInCampaign((String) scope.getVariable(CAMPAIGN_ID),
				(String) scope.getVariable(ORGANISATION_ID));
	}

	InventorySnapshot snapshot(InventoryState inventory) {
		return inventory.snapshot(campaignId, organisationId);
	}

}
