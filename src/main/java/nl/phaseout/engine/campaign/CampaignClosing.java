package nl.phaseout.engine.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.process.CampaignInstances;
import nl.phaseout.engine.system.BackgroundLoop;
import nl.phaseout.engine.system.BackgroundWorker;

/**
 * Ends the running processes of closed campaigns in the background, a page per transaction, so that
 * closing a campaign of 10,000 organisations answers at once. After a start each node looks
 * through every closed campaign's instances (a close that a crash interrupted is finished), and once
 * more {@value #SECOND_LOOK_SECONDS} seconds after the first look ended: a registration or a join that
 * read the campaign as active just before the close committed its process just after, and the second
 * look ends it. Then the campaign is not looked at again: nothing starts in it any more.
 */
@Component
class CampaignClosing extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(CampaignClosing.class);

	private static final int PAGE = 200;

	static final long SECOND_LOOK_SECONDS = 30;

	private final CampaignCatalog catalog;

	private final CampaignInstances instances;

	/** Closed campaigns whose instances this node has all ended, looked through twice. */
	private final Set<String> done = ConcurrentHashMap.newKeySet();

	/** When the first look through a closed campaign ended. */
	private final Map<String, Instant> firstLook = new ConcurrentHashMap<>();

	/** Where each closed campaign's look-through is, by process instance id. */
	private final Map<String, String> cursor = new ConcurrentHashMap<>();

	/** Who closed it, for the record, while this node knows. */
	private final Map<String, String> closedBy = new ConcurrentHashMap<>();

	private final BackgroundLoop loop = loop("campaign-closing", Duration.ZERO, this::round);

	CampaignClosing(CampaignCatalog catalog, CampaignInstances instances) {
		this.catalog = catalog;
		this.instances = instances;
	}

	/** A campaign was closed (committed): end its processes soon. */
	void closed(String campaignId, String by) {
		closedBy.put(campaignId, by == null ? "" : by);
		done.remove(campaignId);
		firstLook.remove(campaignId);
		cursor.remove(campaignId);
		loop.wake();
	}

	/** One page of one closed campaign; true when more wait. */
	boolean round() {
		for (Campaign campaign : catalog.withStatus(Campaign.Status.CLOSED)) {
			if (done.contains(campaign.id())) {
				continue;
			}
			Instant first = firstLook.get(campaign.id());
			if (first != null && Instant.now().isBefore(first.plusSeconds(SECOND_LOOK_SECONDS))) {
				continue;
			}
			String after = cursor.getOrDefault(campaign.id(), "");
			List<String> page = instances.page(campaign.id(), after, PAGE);
			if (page.isEmpty()) {
				cursor.remove(campaign.id());
				if (first == null) {
					firstLook.put(campaign.id(), Instant.now());
				}
				else {
					done.add(campaign.id());
					firstLook.remove(campaign.id());
				}
				continue;
			}
			String by = closedBy.get(campaign.id());
			int ended = instances.end(campaign.id(), page, by == null || by.isEmpty() ? null : by);
			cursor.put(campaign.id(), page.get(page.size() - 1));
			if (ended > 0) {
				log.debug("Campaign {}: ended {} process instance(s)", campaign.id(), ended);
			}
			return true;
		}
		return false;
	}

}
