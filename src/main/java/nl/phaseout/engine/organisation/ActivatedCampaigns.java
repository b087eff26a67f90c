package nl.phaseout.engine.organisation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.campaign.CampaignEnrolment;
import nl.phaseout.engine.process.PhaseoutProcess;
import nl.phaseout.engine.process.ProcessStart;
import nl.phaseout.engine.report.Participations;
import nl.phaseout.engine.system.BackgroundLoop;
import nl.phaseout.engine.system.BackgroundWorker;

/**
 * Starts an active campaign's process for every registered organisation that has none in it: the
 * organisations registered before the campaign was activated (those registered later join at
 * registration). In the background, a page of organisations per round and one organisation per
 * transaction, so that activating a campaign of 10,000 answers at once and one organisation that
 * fails stops no other; every round first compares two counts, so that a campaign all have joined
 * costs nothing, and a restart finishes what a crash interrupted. Two nodes may both try one
 * organisation: the participation's key lets one start it, and the other moves on.
 */
@Component
class ActivatedCampaigns extends BackgroundWorker implements CampaignEnrolment {

	private static final Logger log = LoggerFactory.getLogger(ActivatedCampaigns.class);

	private static final int PAGE = 200;

	private final CampaignCatalog campaigns;

	private final OrganisationRepository organisations;

	private final Participations participations;

	private final PhaseoutProcess process;

	private final TransactionTemplate transaction;

	/** Where each campaign's look through the organisations is, by organisation id. */
	private final Map<String, String> cursor = new ConcurrentHashMap<>();

	private final BackgroundLoop loop = loop("campaign-enrolment", Duration.ZERO, this::round);

	ActivatedCampaigns(CampaignCatalog campaigns, OrganisationRepository organisations, Participations participations,
			PhaseoutProcess process, PlatformTransactionManager transactionManager) {
		this.campaigns = campaigns;
		this.organisations = organisations;
		this.participations = participations;
		this.process = process;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@Override
	public long waiting(String campaignId) {
		return Math.max(0, organisations.count() - participations.count(campaignId));
	}

	@Override
	public void wake() {
		loop.wake();
	}

	/** One page of one active campaign's organisations; true when more wait. */
	boolean round() {
		for (Campaign campaign : campaigns.active()) {
			if (waiting(campaign.id()) == 0) {
				cursor.remove(campaign.id());
				continue;
			}
			String after = cursor.getOrDefault(campaign.id(), "");
			List<Organisation> page = organisations.page(after, PAGE);
			if (page.isEmpty()) {
				// looked through all: what is still missing registered behind the cursor; start over
				cursor.remove(campaign.id());
				return false;
			}
			Set<String> joined = participations.takingPart(campaign.id(),
					page.stream().map(Organisation::id).toList());
			int started = 0;
			for (Organisation organisation : page) {
				if (!joined.contains(organisation.id()) && join(campaign, organisation)) {
					started++;
				}
			}
			cursor.put(campaign.id(), page.get(page.size() - 1).id());
			if (started > 0) {
				log.info("Campaign {}: {} organisation(s) joined", campaign.id(), started);
			}
			return true;
		}
		return false;
	}

	/** Starts the organisation's process in the campaign, if it is still active; false if another did. */
	private boolean join(Campaign campaign, Organisation organisation) {
		try {
			return Boolean.TRUE.equals(transaction.execute(status -> {
				Campaign now = campaigns.find(campaign.id()).orElse(null);
				if (now == null || !now.active()) {
					return false;
				}
				Map<String, Instant> deadlines = now.deadlinesFrom(Instant.now());
				process.start(new ProcessStart(now.id(), organisation.id(), organisation.name(),
						organisation.category().name(), organisation.pmGroup(), now.applicabilityDecision(),
						now.vendors(), deadlines));
				return true;
			}));
		}
		catch (DataIntegrityViolationException ex) {
			log.debug("{} joined {} elsewhere meanwhile", organisation.id(), campaign.id());
			return false;
		}
		catch (RuntimeException ex) {
			// one organisation that cannot start keeps no other from starting; it is tried again next time
			log.warn("{} could not join campaign {}: {}", organisation.id(), campaign.id(), ex.toString());
			return false;
		}
	}

}
