package nl.phaseout.engine.inventory;

import java.util.Set;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The organisations' counts locks in every active campaign, taken in the order ingestion takes
 * them (by campaign, then organisation), so that ingestion, registration and the process never
 * wait for each other in a circle.
 */
@Component
class OrganisationLocks {

	private final CountsRepository counts;

	private final ObjectProvider<ActiveCampaigns> campaigns;

	OrganisationLocks(CountsRepository counts, ObjectProvider<ActiveCampaigns> campaigns) {
		this.counts = counts;
		this.campaigns = campaigns;
	}

	/** Locks the organisations' counts rows for the current transaction, creating those that are absent. */
	void lock(Set<String> organisationIds) {
		counts.lock(campaigns.getIfAvailable(ActiveCampaigns::defaultCampaign)
			.activeCampaigns()
			.stream()
			.map(Campaign::campaignId)
			.toList(), organisationIds);
	}

}
