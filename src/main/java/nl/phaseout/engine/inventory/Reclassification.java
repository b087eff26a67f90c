package nl.phaseout.engine.inventory;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;
import nl.phaseout.engine.system.BackgroundLoop;
import nl.phaseout.engine.system.BackgroundWorker;

/**
 * Classifies a campaign's endpoints again after its classification decision changed, in the
 * background: one organisation per transaction, under the same lock as ingestion, with the counts
 * recomputed from the rows and the processes told what changed (a banned product found, a rollout
 * completed), as ingestion would. Every node drops its cached classifications as soon as it sees a
 * new request; one node claims the request and does the work (a claim older than
 * {@value #CLAIM_MINUTES} minutes, of a node that died, is taken over). Endpoints last observed
 * before their product lists were kept cannot be classified again and keep their state.
 */
@Component
class Reclassification extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(Reclassification.class);

	static final int CLAIM_MINUTES = 15;

	private static final int PAGE = 500;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final InventoryProjection projection;

	private final ProductClassifier classifier;

	private final InventoryChanges inbox;

	private final ObjectProvider<ActiveCampaigns> campaigns;

	private final BackgroundLoop loop = loop("reclassification", Duration.ZERO, this::round);

	private volatile long lastSeen = -1;

	Reclassification(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, InventoryProjection projection,
			ProductClassifier classifier, InventoryChanges inbox, ObjectProvider<ActiveCampaigns> campaigns) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.projection = projection;
		this.classifier = classifier;
		this.inbox = inbox;
		this.campaigns = campaigns;
	}

	void wake() {
		loop.wake();
	}

	/** Drops the cache when a new request appeared, then does one claimed request; true when more wait. */
	boolean round() {
		Long newest = jdbc.queryForObject("SELECT MAX(id) FROM inv_reclassification", Long.class);
		if (newest == null) {
			return false;
		}
		if (newest > lastSeen) {
			classifier.forget();
			lastSeen = newest;
		}
		List<Request> pending = jdbc.query("SELECT id, decision_key FROM inv_reclassification WHERE done_at IS NULL"
				+ " AND (claimed_at IS NULL OR claimed_at < ?) ORDER BY id FETCH FIRST 1 ROWS ONLY",
				(rs, row) -> new Request(rs.getLong("id"), rs.getString("decision_key")),
				Timestamp.from(Instant.now().minus(Duration.ofMinutes(CLAIM_MINUTES))));
		if (pending.isEmpty()) {
			return false;
		}
		Request request = pending.get(0);
		int claimed = jdbc.update("UPDATE inv_reclassification SET claimed_at = ? WHERE id = ? AND done_at IS NULL"
				+ " AND (claimed_at IS NULL OR claimed_at < ?)", Timestamp.from(Instant.now()), request.id(),
				Timestamp.from(Instant.now().minus(Duration.ofMinutes(CLAIM_MINUTES))));
		if (claimed == 1) {
			long endpoints = reclassify(request.decisionKey());
			jdbc.update("UPDATE inv_reclassification SET done_at = ?, endpoints = ? WHERE id = ?",
					Timestamp.from(Instant.now()), endpoints, request.id());
			log.info("Classified the endpoints of decision {} again: {} endpoint(s) changed", request.decisionKey(),
					endpoints);
		}
		return true;
	}

	private long reclassify(String decisionKey) {
		long changed = 0;
		for (Campaign campaign : campaigns.getIfAvailable(ActiveCampaigns::defaultCampaign).activeCampaigns()) {
			if (!campaign.classificationDecisionKey().equals(decisionKey)) {
				continue;
			}
			String after = "";
			List<String> page;
			do {
				page = jdbc.queryForList("SELECT organisation_id FROM inv_endpoint_counts WHERE campaign_id = ?"
						+ " AND organisation_id > ? ORDER BY organisation_id FETCH FIRST " + PAGE + " ROWS ONLY",
						String.class, campaign.campaignId(), after);
				for (String organisationId : page) {
					changed += reclassify(campaign, organisationId);
					after = organisationId;
				}
			}
			while (page.size() == PAGE);
		}
		return changed;
	}

	private int reclassify(Campaign campaign, String organisationId) {
		return transaction.execute(status -> {
			InventoryProjection.Reclassified result = projection.reclassify(campaign, organisationId);
			inbox.record(result.result().signals());
			return result.endpointsChanged();
		});
	}

	private record Request(long id, String decisionKey) {
	}

}
