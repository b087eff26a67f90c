package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;

/**
 * Rolling verification, for organisations whose tools report per device as it checks in rather than
 * a census at once: their baseline is known with their first observation, and once every live
 * endpoint has been observed after the rollout completed, with none banned, unprotected or stale, the
 * engine records a rolling scan ({@code rolling-<n>}, completed at the latest of those observations,
 * counting the live endpoints), which the process treats as any scan. The next one needs every live
 * endpoint observed again after it. Decided in the ingestion's transaction, under the organisation's
 * lock, on the inventory's clock.
 */
@Component
class RollingVerification {

	private final ObjectProvider<RegisteredOrganisations> registered;

	private final EndpointRepository endpoints;

	private final OrganisationFacts organisationFacts;

	RollingVerification(ObjectProvider<RegisteredOrganisations> registered, EndpointRepository endpoints,
			OrganisationFacts organisationFacts) {
		this.registered = registered;
		this.endpoints = endpoints;
		this.organisationFacts = organisationFacts;
	}

	/** Those of these organisations that verify rolling. */
	Set<String> rolling(Collection<String> organisationIds) {
		RegisteredOrganisations organisations = registered.getIfAvailable();
		return organisations == null || organisationIds.isEmpty() ? Set.of()
				: organisations.verifyingRolling(organisationIds);
	}

	boolean rolling(String organisationId) {
		return rolling(Set.of(organisationId)).contains(organisationId);
	}

	/**
	 * The rolling organisation's counts row after a batch: its first endpoint makes the baseline known;
	 * a complete rollout starts the round of observations (from its inventory time); a round in which
	 * every live endpoint was observed again records a rolling scan and starts the next round.
	 */
	CountsRow follow(Campaign campaign, String organisationId, CountsRow before, CountsRow row,
			ProjectionResult result) {
		EndpointCounts was = before.counts();
		EndpointCounts now = row.counts();
		if (was.total() + was.retired() == 0 && now.total() + now.retired() > 0) {
			result.tell(Signal.inventoryChanged(organisationId));
		}
		if (now.total() == 0 || !now.rolloutComplete(true)) {
			return row.rollingSince() == null ? row : row.withRollingSince(null);
		}
		if (row.rollingSince() == null) {
			return row.withRollingSince(row.inventoryTime());
		}
		if (endpoints.liveObservedBy(campaign.campaignId(), organisationId, row.rollingSince())) {
			return row;
		}
		Instant completedAt = endpoints.latestLiveObservation(campaign.campaignId(), organisationId);
		if (completedAt == null || !completedAt.isAfter(row.rollingSince())) {
			return row;
		}
		if (organisationFacts.addRollingScan(organisationId, completedAt, now.total())) {
			result.tell(Signal.inventoryChanged(organisationId));
		}
		return row.withRollingSince(completedAt);
	}

}
