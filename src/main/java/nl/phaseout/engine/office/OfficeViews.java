package nl.phaseout.engine.office;

import java.time.Instant;
import java.util.Map;

/** What the office's templates show, besides the report's own types. */
public final class OfficeViews {

	private OfficeViews() {
	}

	public record CategoryLine(String category, long total, long done, Map<String, Long> byPhase) {
	}

	/** @param status missed, reached or open */
	public record Deadline(String milestone, Instant due, String status, long daysLate) {
	}

}
