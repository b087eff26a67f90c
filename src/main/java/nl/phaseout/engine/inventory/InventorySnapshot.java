package nl.phaseout.engine.inventory;

import java.time.Instant;

/**
 * What the inventory projection knows of one organisation in one campaign: its
 * {@link EndpointCounts}, the moment they hold as of, and its last scan. Read by one query, for
 * the process (under the organisation's lock) and for the views (without). {@code inventoryTime}
 * is the latest inventory time (observedAt, retiredAt) of the endpoint events behind the counts,
 * so they hold as of that moment on the inventory's clock. {@code rolling}: the organisation
 * verifies rolling (no census scan: see {@code RollingVerification}). {@code uncovered}: when the
 * last scan says when it started, the live endpoints it does not cover (not observed between its
 * start and completion); 0 otherwise.
 */
public record InventorySnapshot(EndpointCounts counts, Instant inventoryTime, LastScan lastScan, boolean rolling,
		long uncovered) {

	public InventorySnapshot(EndpointCounts counts, Instant inventoryTime, LastScan lastScan) {
		this(counts, inventoryTime, lastScan, false, 0);
	}

	public InventorySnapshot(long total, long banned, long protectedCount, long unprotected, long retired,
			Instant inventoryTime, LastScan lastScan) {
		this(new EndpointCounts(total, banned, protectedCount, unprotected, retired), inventoryTime, lastScan);
	}

	public static InventorySnapshot empty() {
		return new InventorySnapshot(EndpointCounts.NONE, null, null);
	}

	public long stale() {
		return counts.stale();
	}

	public long total() {
		return counts.total();
	}

	public long banned() {
		return counts.banned();
	}

	public long protectedCount() {
		return counts.protectedCount();
	}

	public long unprotected() {
		return counts.unprotected();
	}

	public long retired() {
		return counts.retired();
	}

	/** Live endpoints running a banned product under an approved exemption. */
	public long exempted() {
		return counts.exempted();
	}

	/** A completed inventory scan is known; for an organisation that verifies rolling, any endpoint. */
	public boolean baselineKnown() {
		return lastScan != null || (rolling && counts.total() + counts.retired() > 0);
	}

	/** No endpoint runs a banned product, none is stale, and every live endpoint is protected. */
	public boolean rolloutComplete() {
		return counts.rolloutComplete();
	}

	/** As {@link #rolloutComplete()}, exempted endpoints counting as done when {@code exemptedMaySignOff}. */
	public boolean rolloutComplete(boolean exemptedMaySignOff) {
		return counts.rolloutComplete(exemptedMaySignOff);
	}

	/** Live endpoints without any active antivirus. */
	public boolean protectionGap() {
		return unprotected() > 0;
	}

	/**
	 * The last scan completed after the given moment (any scan when there is none), and not before
	 * the latest endpoint event behind the counts: it saw the endpoints as they are. On the
	 * inventory's clock.
	 */
	public boolean scannedAfter(Instant moment) {
		return lastScan != null && (moment == null || lastScan.completedAt().isAfter(moment))
				&& (inventoryTime == null || !lastScan.completedAt().isBefore(inventoryTime));
	}

	/** The last scan's verdict: whether it shows the organisation clean, and if not, why; exempted endpoints are not. */
	public ScanVerdict verdict() {
		return verdict(false);
	}

	/**
	 * The last scan's verdict, exempted endpoints counting as clean when {@code exemptedMaySignOff} (the
	 * campaign's {@code exemptions.allowSignOff}) and as not clean otherwise.
	 */
	public ScanVerdict verdict(boolean exemptedMaySignOff) {
		if (lastScan != null && !exemptedMaySignOff && exempted() > 0) {
			return new ScanVerdict(ScanVerdict.Kind.NOT_CLEAN, exempted() + " live endpoint(s) run the banned product"
					+ " under an exemption, and this campaign does not sign off with exempted endpoints.");
		}
		if (lastScan == null) {
			return new ScanVerdict(ScanVerdict.Kind.INCOMPLETE, rolling
					? "Not every live endpoint has been observed again since the rollout completed."
					: "No completed inventory scan is known yet.");
		}
		if (banned() > 0 || unprotected() > 0 || stale() > 0) {
			return new ScanVerdict(ScanVerdict.Kind.NOT_CLEAN, banned() + " live endpoint(s) still run the banned product, "
					+ unprotected() + " have no active antivirus and " + stale() + " have not been observed recently"
					+ " enough (stale: observe them again, or retire those that are gone).");
		}
		if (lastScan.startedAt() != null) {
			if (uncovered > 0) {
				return new ScanVerdict(ScanVerdict.Kind.INCOMPLETE, "Scan " + lastScan.scanId() + " does not cover "
						+ uncovered + " of the " + total() + " live endpoint(s): they were not observed between its start ("
						+ lastScan.startedAt() + ") and its completion (" + lastScan.completedAt()
						+ "). Waiting for a scan that covers them all (or retire those that are gone).");
			}
			return new ScanVerdict(ScanVerdict.Kind.CLEAN, "Scan " + lastScan.scanId() + " observed every one of the "
					+ total() + " live endpoint(s): none runs the banned product and every one is protected.");
		}
		if (lastScan.endpointCount() != total()) {
			return new ScanVerdict(ScanVerdict.Kind.INCOMPLETE, "Scan " + lastScan.scanId() + " reports "
					+ lastScan.endpointCount() + " endpoint(s), but " + total()
					+ " live endpoint(s) are known: waiting for a scan that covers them all.");
		}
		if (lastScan.rolling()) {
			return new ScanVerdict(ScanVerdict.Kind.CLEAN, "Every one of the " + total() + " live endpoint(s) was"
					+ " observed again after the rollout completed (rolling verification, " + lastScan.scanId()
					+ "): none runs the banned product and every one is protected. The project manager confirms"
					+ " that these are all of the organisation's endpoints.");
		}
		return new ScanVerdict(ScanVerdict.Kind.CLEAN, "Scan " + lastScan.scanId() + " covers all " + total()
				+ " live endpoint(s): none runs the banned product and every one is protected.");
	}

	/** Whether a scan shows the organisation clean ({@code CLEAN}), too little of it ({@code INCOMPLETE}), or not clean. */
	public record ScanVerdict(Kind kind, String reason) {

		public enum Kind {
			CLEAN, INCOMPLETE, NOT_CLEAN
		}

	}

}
