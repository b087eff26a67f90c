package nl.phaseout.engine.inventory;

import java.time.Duration;
import java.time.Instant;

/**
 * The freshness rule, on the inventory's clock: a live endpoint without a banned product whose latest
 * observation is older than {@code staleAfter}, measured back from its organisation's inventory clock,
 * is stale. "Older than" is strict: an observation exactly {@code staleAfter} before the clock is still
 * fresh, one instant earlier is stale. The clock moves with the inventory's events alone (observations
 * and scans), never with the engine's time: the same events give the same stale endpoints whenever
 * they are delivered.
 */
record Freshness(Duration staleAfter) {

	/** The moment before which observations are stale, under this clock; null (none stale) without a clock. */
	Instant threshold(Instant clock) {
		return clock == null ? null : clock.minus(staleAfter);
	}

	/** Whether an observation made at {@code observedAt} is stale under this threshold. */
	static boolean stale(Instant observedAt, Instant threshold) {
		return threshold != null && observedAt != null && observedAt.isBefore(threshold);
	}

	/** The later of two clock readings (either may be null). */
	static Instant later(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || !b.isAfter(a) ? a : b;
	}

}
