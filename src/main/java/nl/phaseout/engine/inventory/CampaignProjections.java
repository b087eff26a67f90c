package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.system.SqlTime.timestamp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;

/**
 * The {@code inv_campaign_projection} table: which campaigns the projection holds, with the decision
 * their rows are classified by, and for a campaign still adopting the organisations stored before it
 * became active, who claimed that work and how far it got ({@code after_organisation}, in the
 * database's order of organisation ids, moved in the transaction that adopted the organisation).
 */
@Repository
class CampaignProjections {

	private final JdbcTemplate jdbc;

	CampaignProjections(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A campaign's adoption as stored. */
	record Projection(String campaignId, String decisionKey, String afterOrganisation, boolean done) {
	}

	Optional<Projection> find(String campaignId) {
		return jdbc.query("SELECT campaign_id, decision_key, after_organisation, done_at FROM inv_campaign_projection"
				+ " WHERE campaign_id = ?", (rs, n) -> new Projection(rs.getString("campaign_id"),
						rs.getString("decision_key"), rs.getString("after_organisation"),
						rs.getTimestamp("done_at") != null), campaignId)
			.stream()
			.findFirst();
	}

	/**
	 * Makes sure the active campaign has its row: a new one asks for the adoption (done at once when no
	 * other campaign holds any endpoint: nothing to adopt), and one classified by another decision is
	 * asked to be projected again. Safe when another node does the same at once. True when it asked.
	 */
	boolean ensure(Campaign campaign, Instant now) {
		Optional<Projection> known = find(campaign.campaignId());
		if (known.isEmpty()) {
			boolean nothingToAdopt = jdbc.queryForList("SELECT campaign_id FROM inv_endpoint_counts WHERE campaign_id <> ?"
					+ " FETCH FIRST 1 ROWS ONLY", String.class, campaign.campaignId()).isEmpty();
			try {
				jdbc.update("INSERT INTO inv_campaign_projection (campaign_id, decision_key, requested_at, done_at)"
						+ " VALUES (?, ?, ?, ?)", campaign.campaignId(), campaign.classificationDecisionKey(),
						timestamp(now), nothingToAdopt ? timestamp(now) : null);
				return !nothingToAdopt;
			}
			catch (DuplicateKeyException anotherNodeToo) {
				return false;
			}
		}
		if (!known.get().decisionKey().equals(campaign.classificationDecisionKey())) {
			return jdbc.update("UPDATE inv_campaign_projection SET decision_key = ?, requested_at = ?, claimed_at = NULL,"
					+ " claimed_by = NULL, after_organisation = NULL, done_at = NULL WHERE campaign_id = ?"
					+ " AND decision_key = ?", campaign.classificationDecisionKey(), timestamp(now), campaign.campaignId(),
					known.get().decisionKey()) == 1;
		}
		return false;
	}

	/**
	 * Claims the campaign's adoption for this node: requested at least {@code grace} ago, not done, and
	 * not claimed by another node in the last {@code claimFor} (a node that died, or stalled that long,
	 * loses it). The claim is renewed with each organisation adopted.
	 */
	Optional<Projection> claim(Campaign campaign, String node, Instant now, Duration grace, Duration claimFor) {
		int claimed = jdbc.update("UPDATE inv_campaign_projection SET claimed_at = ?, claimed_by = ?"
				+ " WHERE campaign_id = ? AND decision_key = ? AND done_at IS NULL AND requested_at <= ?"
				+ " AND (claimed_by IS NULL OR claimed_by = ? OR claimed_at < ?)", timestamp(now), node,
				campaign.campaignId(), campaign.classificationDecisionKey(), timestamp(now.minus(grace)), node,
				timestamp(now.minus(claimFor)));
		return claimed == 1 ? find(campaign.campaignId()) : Optional.empty();
	}

	/** The next organisations to adopt, in id order, after {@code after} ({@code null}: from the first). */
	List<String> organisationsAfter(String after, int limit) {
		return jdbc.queryForList("SELECT DISTINCT organisation_id FROM inv_endpoint_counts WHERE organisation_id > ?"
				+ " ORDER BY organisation_id FETCH FIRST " + limit + " ROWS ONLY", String.class,
				after == null ? "" : after);
	}

	/** Every campaign the projection holds rows of: where an adoption finds the stored endpoints. */
	List<String> heldCampaigns() {
		return jdbc.queryForList("SELECT DISTINCT campaign_id FROM inv_endpoint_counts", String.class);
	}

	/**
	 * Records the organisation as adopted, in the transaction that adopted it, and renews the claim;
	 * false when the node no longer holds it (another took it over, or the decision changed): then the
	 * transaction must roll back.
	 */
	boolean adopted(Campaign campaign, String node, String organisationId, long endpoints, Instant now) {
		return jdbc.update("UPDATE inv_campaign_projection SET after_organisation = ?, claimed_at = ?,"
				+ " endpoints = endpoints + ? WHERE campaign_id = ? AND claimed_by = ? AND decision_key = ?"
				+ " AND done_at IS NULL", organisationId, timestamp(now), endpoints, campaign.campaignId(), node,
				campaign.classificationDecisionKey()) == 1;
	}

	/** Marks the adoption done, if this node still holds it. */
	boolean done(Campaign campaign, String node, Instant now) {
		return jdbc.update("UPDATE inv_campaign_projection SET done_at = ?, claimed_at = NULL, claimed_by = NULL"
				+ " WHERE campaign_id = ? AND claimed_by = ? AND decision_key = ? AND done_at IS NULL", timestamp(now),
				campaign.campaignId(), node, campaign.classificationDecisionKey()) == 1;
	}

	/**
	 * Whether the campaign has not adopted the organisation yet: its adoption is under way and has not
	 * come past it. Compared by the database, in its order of ids, as the adoption walks them.
	 */
	boolean adopting(String campaignId, String organisationId) {
		Integer pending = jdbc.queryForObject("SELECT COUNT(*) FROM inv_campaign_projection WHERE campaign_id = ?"
				+ " AND done_at IS NULL AND (after_organisation IS NULL OR after_organisation < ?)", Integer.class,
				campaignId, organisationId);
		return pending != null && pending > 0;
	}

}
