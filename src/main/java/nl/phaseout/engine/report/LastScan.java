package nl.phaseout.engine.report;

import java.time.Instant;

/** The organisation's most recent completed inventory scan. */
public record LastScan(String scanId, Instant completedAt) {
}
