package nl.phaseout.engine.inventory;

import java.time.Duration;
import java.time.Instant;


/**
 * One {@code inv_endpoint_counts} row as the projection folds it: the organisation's
 * {@link EndpointCounts} in a campaign; {@code inventoryTime}, the latest inventory time
 * (observedAt, retiredAt) of the endpoint events that made the endpoints as they are, so the
 * counts hold as of that moment on the inventory's clock; {@code clock}, the organisation's
 * inventory clock (the later of its latest scan's completedAt and its latest observedAt);
 * {@code staleAfter}, the campaign's setting the stale count was made with (null: not counted yet);
 * and {@code rollingSince}, for rolling verification, the inventory time after which every live
 * endpoint must be observed again (null while the rollout is not complete).
 */
record CountsRow(EndpointCounts counts, Instant inventoryTime, Instant clock, Duration staleAfter,
		Instant rollingSince) {

	static final CountsRow ZERO = new CountsRow(EndpointCounts.NONE, null, null, null, null);

	CountsRow(EndpointCounts counts, Instant inventoryTime) {
		this(counts, inventoryTime, null, null, null);
	}

	/** Observations before this moment are stale; null when nothing is (no clock or no setting yet). */
	Instant threshold() {
		return staleAfter == null || clock == null ? null : clock.minus(staleAfter);
	}

	/** With the endpoint row added, counted under this row's threshold; the inventory time moves forward to the row's. */
	CountsRow plus(EndpointRow row) {
		CountsRow added = add(EndpointStatus.of(row, threshold()), 1);
		Instant rowTime = row == null ? null : row.latestTime();
		if (rowTime == null || (inventoryTime != null && !rowTime.isAfter(inventoryTime))) {
			return added;
		}
		return added.withInventoryTime(rowTime);
	}

	CountsRow minus(EndpointRow row) {
		return add(EndpointStatus.of(row, threshold()), -1);
	}

	/** With {@code n} fresh endpoints of this status counted as stale instead (the clock moved past them). */
	CountsRow staled(EndpointStatus from, long n) {
		return add(from, -n).add(EndpointStatus.STALE, n);
	}

	CountsRow withClock(Instant newClock) {
		return new CountsRow(counts, inventoryTime, newClock, staleAfter, rollingSince);
	}

	CountsRow withStaleAfter(Duration newStaleAfter) {
		return new CountsRow(counts, inventoryTime, clock, newStaleAfter, rollingSince);
	}

	CountsRow withRollingSince(Instant since) {
		return new CountsRow(counts, inventoryTime, clock, staleAfter, since);
	}

	private CountsRow withInventoryTime(Instant time) {
		return new CountsRow(counts, time, clock, staleAfter, rollingSince);
	}

	private CountsRow add(EndpointStatus status, long sign) {
		if (status == null) {
			return this;
		}
		EndpointCounts c = counts;
		long live = status == EndpointStatus.RETIRED ? 0 : sign;
		EndpointCounts next = new EndpointCounts(c.total() + live,
				c.banned() + (status == EndpointStatus.BANNED ? sign : 0),
				c.protectedCount() + (status == EndpointStatus.PROTECTED ? sign : 0),
				c.unprotected() + (status == EndpointStatus.UNPROTECTED ? sign : 0),
				c.stale() + (status == EndpointStatus.STALE ? sign : 0),
				c.retired() + (status == EndpointStatus.RETIRED ? sign : 0),
				c.exempted() + (status == EndpointStatus.EXEMPTED ? sign : 0));
		return new CountsRow(next, inventoryTime, clock, staleAfter, rollingSince);
	}

}
