package nl.phaseout.engine.inventory;

import java.time.Instant;

/**
 * Endpoint counts of one organisation in one campaign; banned, protected and unprotected are over
 * live endpoints. {@code inventoryTime} is the latest inventory time (observedAt, retiredAt) of the
 * endpoint events that made the endpoints as they are: the counts hold as of that moment on the
 * inventory's clock.
 */
record Counts(long total, long banned, long protectedCount, long unprotected, long retired, Instant inventoryTime) {

	static final Counts ZERO = new Counts(0, 0, 0, 0, 0, null);

	boolean rolloutComplete() {
		return banned == 0 && protectedCount == total;
	}

	/** With the row added; the inventory time moves forward to the row's. */
	Counts plus(EndpointRow row) {
		Counts added = add(row, 1);
		Instant rowTime = row == null ? null : row.latestTime();
		if (rowTime == null || (inventoryTime != null && !rowTime.isAfter(inventoryTime))) {
			return added;
		}
		return new Counts(added.total, added.banned, added.protectedCount, added.unprotected, added.retired, rowTime);
	}

	Counts minus(EndpointRow row) {
		return add(row, -1);
	}

	private Counts add(EndpointRow row, int sign) {
		if (row == null) {
			return this;
		}
		if (row.retired()) {
			return new Counts(total, banned, protectedCount, unprotected, retired + sign, inventoryTime);
		}
		EndpointState state = row.state();
		return new Counts(total + sign, banned + (state == EndpointState.BANNED ? sign : 0),
				protectedCount + (state == EndpointState.PROTECTED ? sign : 0),
				unprotected + (state == EndpointState.UNPROTECTED ? sign : 0), retired, inventoryTime);
	}

}
