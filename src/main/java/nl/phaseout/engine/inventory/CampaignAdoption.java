package nl.phaseout.engine.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;
import nl.phaseout.engine.inventory.CampaignProjections.Projection;
import nl.phaseout.engine.system.BackgroundLoop;
import nl.phaseout.engine.system.BackgroundWorker;

/**
 * A campaign that becomes active after endpoints were observed (activated later, or configured later)
 * sees them: every second each node looks for an active campaign the projection does not hold yet
 * ({@link CampaignProjections}), or holds classified by another decision, and asks for its adoption;
 * one node claims it (as {@link Reclassification} claims its requests; a claim not renewed for
 * {@value #CLAIM_MINUTES} minutes is taken over) and adopts the organisations in id order, each in a
 * transaction of its own ({@link OrganisationAdoption}) that also records how far it got, so a crash
 * or a restart resumes with the next one, and one adopted twice changes nothing. Memory holds a page of
 * organisation ids and a page of endpoints, whatever the size of the inventory.
 * <p>
 * The work waits {@link #GRACE} after the request: an ingestion batch that read the active campaigns
 * before the campaign became active, and so projects its events without it, has committed by then,
 * and the adoption finds its events in the other campaigns' rows; every batch after projects into the
 * campaign itself. Until the campaign has adopted an organisation, the process sees no baseline for
 * it there ({@link JdbcInventoryState}), and hears of it once it has.
 */
@Component
class CampaignAdoption extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(CampaignAdoption.class);

	static final int CLAIM_MINUTES = 15;

	static final Duration GRACE = Duration.ofSeconds(10);

	private static final int ORGANISATIONS = 100;

	private final CampaignProjections projections;

	private final OrganisationAdoption adoption;

	private final InventoryChanges inbox;

	private final TransactionTemplate transaction;

	private final ObjectProvider<ActiveCampaigns> campaigns;

	private final String node = UUID.randomUUID().toString();

	private final Clock clock;

	private volatile Duration grace = GRACE;

	@SuppressWarnings("unused")
	private final BackgroundLoop loop = loop("campaign-adoption", Duration.ZERO, this::round);

	@Autowired
	CampaignAdoption(CampaignProjections projections, OrganisationAdoption adoption, InventoryChanges inbox,
			PlatformTransactionManager transactionManager, ObjectProvider<ActiveCampaigns> campaigns) {
		this(projections, adoption, inbox, transactionManager, campaigns, Clock.systemUTC());
	}

	CampaignAdoption(CampaignProjections projections, OrganisationAdoption adoption, InventoryChanges inbox,
			PlatformTransactionManager transactionManager, ObjectProvider<ActiveCampaigns> campaigns, Clock clock) {
		this.projections = projections;
		this.adoption = adoption;
		this.inbox = inbox;
		this.transaction = new TransactionTemplate(transactionManager);
		this.campaigns = campaigns;
		this.clock = clock;
	}

	/** For tests that drive the rounds themselves: how long a request waits before its work begins. */
	void grace(Duration newGrace) {
		this.grace = newGrace;
	}

	/** Asks for the adoptions new campaigns need, then adopts a page of organisations; true when more wait. */
	boolean round() {
		List<Campaign> adopting = new ArrayList<>();
		for (Campaign campaign : campaigns.getIfAvailable(ActiveCampaigns::defaultCampaign).activeCampaigns()) {
			if (projections.ensure(campaign, clock.instant())) {
				log.info("Campaign {} has no projection of the endpoints stored before it became active (or it was"
						+ " classified by another decision): they will be adopted, classified by {}",
						campaign.campaignId(), campaign.classificationDecisionKey());
			}
			if (projections.find(campaign.campaignId()).filter(projection -> !projection.done()).isPresent()) {
				adopting.add(campaign);
			}
		}
		for (Campaign campaign : adopting) {
			Optional<Projection> claimed = projections.claim(campaign, node, clock.instant(), grace,
					Duration.ofMinutes(CLAIM_MINUTES));
			if (claimed.isPresent()) {
				return adoptPage(campaign, claimed.get());
			}
		}
		return false;
	}

	/** Adopts the next organisations; marks the adoption done after the last. True when more wait. */
	private boolean adoptPage(Campaign campaign, Projection projection) {
		List<String> sources = projections.heldCampaigns();
		List<String> organisations = projections.organisationsAfter(projection.afterOrganisation(), ORGANISATIONS);
		for (String organisationId : organisations) {
			Boolean held = transaction.execute(status -> {
				OrganisationAdoption.Adopted adopted = adoption.adopt(campaign, organisationId, sources);
				inbox.record(adopted.result().signals());
				if (!projections.adopted(campaign, node, organisationId, adopted.endpointsWritten(), clock.instant())) {
					status.setRollbackOnly();
					return false;
				}
				return true;
			});
			if (!Boolean.TRUE.equals(held)) {
				log.info("Campaign {}: another node took over the adoption (or its decision changed)",
						campaign.campaignId());
				return false;
			}
		}
		if (organisations.size() < ORGANISATIONS && projections.done(campaign, node, clock.instant())) {
			log.info("Campaign {} adopted the stored endpoints of every organisation", campaign.campaignId());
		}
		return true;
	}

}
