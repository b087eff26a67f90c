package nl.phaseout.engine.inventory;

import java.time.Duration;
import java.util.List;

/**
 * The campaigns whose classification the inventory projection keeps, each with the key of its
 * product classification decision. Without a bean, the default campaign alone is active.
 */
public interface ActiveCampaigns {

	String DEFAULT_CAMPAIGN = "kaspersky-av-2018";

	String DEFAULT_DECISION = "phaseout-product-classification";

	List<Campaign> activeCampaigns();

	/**
	 * One active campaign, its DMN decision key (inputs vendor, name, category, state) and how old an
	 * endpoint's latest observation may be before it is stale.
	 */
	record Campaign(String campaignId, String classificationDecisionKey, Duration staleAfter) {

		public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(14);

		public Campaign {
			staleAfter = staleAfter == null ? DEFAULT_STALE_AFTER : staleAfter;
		}

		public Campaign(String campaignId, String classificationDecisionKey) {
			this(campaignId, classificationDecisionKey, DEFAULT_STALE_AFTER);
		}

		Freshness freshness() {
			return new Freshness(staleAfter);
		}

	}

	static ActiveCampaigns defaultCampaign() {
		return () -> List.of(new Campaign(DEFAULT_CAMPAIGN, DEFAULT_DECISION));
	}

}
