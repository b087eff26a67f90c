package nl.phaseout.engine.inventory;

/** Endpoint counts of one organisation in one campaign; banned, protected and unprotected are over live endpoints. */
record Counts(long total, long banned, long protectedCount, long unprotected, long retired) {

	static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

	boolean rolloutComplete() {
		return banned == 0 && protectedCount == total;
	}

	Counts plus(EndpointRow row) {
		return add(row, 1);
	}

	Counts minus(EndpointRow row) {
		return add(row, -1);
	}

	private Counts add(EndpointRow row, int sign) {
		if (row == null) {
			return this;
		}
		if (row.retired()) {
			return new Counts(total, banned, protectedCount, unprotected, retired + sign);
		}
		EndpointState state = row.state();
		return new Counts(total + sign, banned + (state == EndpointState.BANNED ? sign : 0),
				protectedCount + (state == EndpointState.PROTECTED ? sign : 0),
				unprotected + (state == EndpointState.UNPROTECTED ? sign : 0), retired);
	}

}
