package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;

/**
 * Keeps the stale count of an organisation's counts row as its inventory clock moves, without
 * reading the organisation's endpoints (let alone everyone's) per event. The endpoints an event
 * changes are counted under the clock as it was (by {@link CountsRow#plus}); when the batch moves the
 * clock, the threshold moves by as much, and the endpoints observed between the old and the new
 * threshold, fresh until now, are found by a range on the index (campaign, organisation,
 * observed_at) and counted as stale instead. The clock never moves back, so nothing turns fresh
 * but by being observed again. Callers hold the organisation's counts lock.
 */
@Component
class StaleCounts {

	private final EndpointRepository endpoints;

	private final OrganisationFacts organisationFacts;

	StaleCounts(EndpointRepository endpoints, OrganisationFacts organisationFacts) {
		this.endpoints = endpoints;
		this.organisationFacts = organisationFacts;
	}

	/**
	 * The row as counted with the campaign's {@code staleAfter}: itself when it was; otherwise (a new
	 * row, a row from before 0.3, a changed setting) counted afresh from the endpoint rows, with the
	 * organisation's clock read again.
	 */
	CountsRow counted(Campaign campaign, String organisationId, CountsRow row) {
		if (campaign.staleAfter().equals(row.staleAfter())) {
			return row;
		}
		Instant clock = clock(campaign, organisationId);
		CountsRow now = row.withClock(clock).withStaleAfter(campaign.staleAfter());
		EndpointCounts counted = endpoints.tally(campaign.campaignId(), organisationId, now.threshold());
		return new CountsRow(counted, row.inventoryTime(), clock, campaign.staleAfter(), row.rollingSince());
	}

	/** The organisation's inventory clock, read from its rows: the later of its latest observation and its last scan. */
	Instant clock(Campaign campaign, String organisationId) {
		Instant scanned = organisationFacts.lastScanHeld(organisationId).map(LastScan::completedAt).orElse(null);
		return Freshness.later(endpoints.latestObservation(campaign.campaignId(), organisationId), scanned);
	}

	/**
	 * The row with the clock moved to {@code reading} if that is later, and the endpoints that the move
	 * makes stale counted as such. The endpoint rows must be written already.
	 */
	CountsRow advance(Campaign campaign, String organisationId, CountsRow row, Instant reading) {
		Instant clock = Freshness.later(row.clock(), reading);
		if (Objects.equals(clock, row.clock())) {
			return row;
		}
		CountsRow moved = row.withClock(clock);
		long fresh = row.counts().protectedCount() + row.counts().unprotected();
		if (fresh == 0 || moved.threshold() == null) {
			return moved;
		}
		Map<EndpointState, Long> crossed = endpoints.freshUntil(campaign.campaignId(), organisationId,
				row.threshold(), moved.threshold());
		for (Map.Entry<EndpointState, Long> entry : crossed.entrySet()) {
			EndpointStatus from = entry.getKey() == EndpointState.PROTECTED ? EndpointStatus.PROTECTED
					: EndpointStatus.UNPROTECTED;
			moved = moved.staled(from, entry.getValue());
		}
		return moved;
	}

}
