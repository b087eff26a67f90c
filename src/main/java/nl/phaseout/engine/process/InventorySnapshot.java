package nl.phaseout.engine.process;

import java.time.Instant;

/**
 * What the inventory projection knows of one organisation in one campaign, as the
 * process needs it to decide. Counts are over live (not retired) endpoints.
 */
public record InventorySnapshot(long total, long banned, long protectedCount, long unprotected, long retired,
		String lastScanId, Instant lastScanCompletedAt) {

	public static InventorySnapshot empty() {
		return new InventorySnapshot(0, 0, 0, 0, 0, null, null);
	}

	/** A completed inventory scan is known. */
	public boolean baselineKnown() {
		return lastScanId != null;
	}

	/** No endpoint runs a banned product and every live endpoint is protected. */
	public boolean rolloutComplete() {
		return banned == 0 && protectedCount == total;
	}

	/** Live endpoints without any active antivirus. */
	public boolean protectionGap() {
		return unprotected > 0;
	}

	/** A scan completed after the given moment. */
	public boolean scannedAfter(Instant moment) {
		return lastScanCompletedAt != null && (moment == null || lastScanCompletedAt.isAfter(moment));
	}

}
