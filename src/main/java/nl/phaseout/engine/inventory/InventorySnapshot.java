package nl.phaseout.engine.inventory;

import java.time.Instant;

/**
 * What the inventory projection knows of one organisation in one campaign: its
 * {@link EndpointCounts}, the moment they hold as of, and its last scan. Read by one query, for
 * the process (under the organisation's lock) and for the views (without). {@code inventoryTime}
 * is the latest inventory time (observedAt, retiredAt) of the endpoint events behind the counts,
 * so they hold as of that moment on the inventory's clock.
 */
public record InventorySnapshot(EndpointCounts counts, Instant inventoryTime, LastScan lastScan) {

	public InventorySnapshot(long total, long banned, long protectedCount, long unprotected, long retired,
			Instant inventoryTime, LastScan lastScan) {
		this(new EndpointCounts(total, banned, protectedCount, unprotected, retired), inventoryTime, lastScan);
	}

	public static InventorySnapshot empty() {
		return new InventorySnapshot(EndpointCounts.NONE, null, null);
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

	/** A completed inventory scan is known. */
	public boolean baselineKnown() {
		return lastScan != null;
	}

	/** No endpoint runs a banned product and every live endpoint is protected. */
	public boolean rolloutComplete() {
		return counts.rolloutComplete();
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

	/** The last scan's verdict: whether it shows the organisation clean, and if not, why. */
	public ScanVerdict verdict() {
		if (lastScan == null) {
			return new ScanVerdict(ScanVerdict.Kind.INCOMPLETE, "No completed inventory scan is known yet.");
		}
		if (banned() > 0 || unprotected() > 0) {
			return new ScanVerdict(ScanVerdict.Kind.NOT_CLEAN, banned() + " live endpoint(s) still run the banned product"
					+ " and " + unprotected() + " have no active antivirus.");
		}
		if (lastScan.endpointCount() != total()) {
			return new ScanVerdict(ScanVerdict.Kind.INCOMPLETE, "Scan " + lastScan.scanId() + " reports "
					+ lastScan.endpointCount() + " endpoint(s), but " + total()
					+ " live endpoint(s) are known: waiting for a scan that covers them all.");
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
