package nl.phaseout.engine.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;
import nl.phaseout.engine.system.BackgroundLoop;
import nl.phaseout.engine.system.BackgroundWorker;

/**
 * Counts stale endpoints afresh where they were counted with another {@code staleAfter} than the
 * campaign's (the setting changed, or the counts are from before 0.3): in the background after the
 * start, one organisation per transaction under the ingestion's lock, the processes told what changed.
 * Ingestion does the same for an organisation it meets first. Once a campaign's organisations are all
 * counted with its setting, it is not asked again until the setting changes.
 */
@Component
class StaleRecount extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(StaleRecount.class);

	private static final int PAGE = 500;

	private final CountsRepository counts;

	private final InventoryProjection projection;

	private final InventoryChanges inbox;

	private final TransactionTemplate transaction;

	private final ObjectProvider<ActiveCampaigns> campaigns;

	/** The setting each campaign's organisations are all counted with. */
	private final Map<String, Duration> done = new ConcurrentHashMap<>();

	@SuppressWarnings("unused")
	private final BackgroundLoop loop = loop("stale-recount", Duration.ZERO, this::round);

	StaleRecount(CountsRepository counts, InventoryProjection projection, InventoryChanges inbox,
			PlatformTransactionManager transactionManager, ObjectProvider<ActiveCampaigns> campaigns) {
		this.counts = counts;
		this.projection = projection;
		this.inbox = inbox;
		this.transaction = new TransactionTemplate(transactionManager);
		this.campaigns = campaigns;
	}

	/** Counts one page of one campaign's organisations afresh; true when more wait. */
	boolean round() {
		for (Campaign campaign : campaigns.getIfAvailable(ActiveCampaigns::defaultCampaign).activeCampaigns()) {
			if (campaign.staleAfter().equals(done.get(campaign.campaignId()))) {
				continue;
			}
			List<String> page = counts.countedWithOtherStaleAfter(campaign.campaignId(), campaign.staleAfter(), "",
					PAGE);
			if (page.isEmpty()) {
				done.put(campaign.campaignId(), campaign.staleAfter());
				continue;
			}
			for (String organisationId : page) {
				transaction.executeWithoutResult(
						status -> inbox.record(projection.recount(campaign, organisationId).signals()));
			}
			log.info("Counted stale endpoints of {} organisation(s) in {} with staleAfter {}", page.size(),
					campaign.campaignId(), campaign.staleAfter());
			return true;
		}
		return false;
	}

}
