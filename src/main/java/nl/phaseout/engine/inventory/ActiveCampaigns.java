package nl.phaseout.engine.inventory;

import java.util.List;

/**
 * The campaigns whose classification the inventory projection keeps, each with the key of its
 * product classification decision. Without a bean, the default campaign alone is active.
 */
public interface ActiveCampaigns {

	String DEFAULT_CAMPAIGN = "kaspersky-av-2018";

	String DEFAULT_DECISION = "phaseout-product-classification";

	List<Campaign> activeCampaigns();

	/** One active campaign and its DMN decision key (inputs vendor, name, category, state). */
	record Campaign(String campaignId, String classificationDecisionKey) {
	}

	static ActiveCampaigns defaultCampaign() {
		return () -> List.of(new Campaign(DEFAULT_CAMPAIGN, DEFAULT_DECISION));
	}

}
