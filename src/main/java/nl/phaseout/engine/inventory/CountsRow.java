package nl.phaseout.engine.inventory;

import java.time.Instant;


/**
 * One {@code inv_endpoint_counts} row as the projection folds it: the organisation's
 * {@link EndpointCounts} in a campaign and {@code inventoryTime}, the latest inventory time
 * (observedAt, retiredAt) of the endpoint events that made the endpoints as they are, so the
 * counts hold as of that moment on the inventory's clock.
 */
record CountsRow(EndpointCounts counts, Instant inventoryTime) {

	static final CountsRow ZERO = new CountsRow(EndpointCounts.NONE, null);

	/** With the endpoint row added; the inventory time moves forward to the row's. */
	CountsRow plus(EndpointRow row) {
		CountsRow added = add(row, 1);
		Instant rowTime = row == null ? null : row.latestTime();
		if (rowTime == null || (inventoryTime != null && !rowTime.isAfter(inventoryTime))) {
			return added;
		}
		return new CountsRow(added.counts, rowTime);
	}

	CountsRow minus(EndpointRow row) {
		return add(row, -1);
	}

	private CountsRow add(EndpointRow row, int sign) {
		if (row == null) {
			return this;
		}
		EndpointCounts c = counts;
		if (row.retired()) {
			return new CountsRow(new EndpointCounts(c.total(), c.banned(), c.protectedCount(), c.unprotected(),
					c.retired() + sign), inventoryTime);
		}
		EndpointState state = row.state();
		return new CountsRow(new EndpointCounts(c.total() + sign,
				c.banned() + (state == EndpointState.BANNED ? sign : 0),
				c.protectedCount() + (state == EndpointState.PROTECTED ? sign : 0),
				c.unprotected() + (state == EndpointState.UNPROTECTED ? sign : 0), c.retired()), inventoryTime);
	}

}
