package nl.phaseout.engine.office;

import java.time.Instant;
import java.util.Map;

/** What the office's templates show, besides the report's own types. */
public final class OfficeViews {

	private OfficeViews() {
	}

	/**
	 * @param inScope the organisations that must or chose to phase out (or are still deciding): all but
	 *        not required and declined
	 * @param phasedOut those phased out, the only ones done
	 */
	public record CategoryLine(String category, long total, long inScope, long phasedOut, Map<String, Long> byPhase) {
	}

	/**
	 * @param status {@code missed}, {@code reached}, {@code open}, {@code pending} (not yet held to it:
	 *        deciding on the advice) or {@code notApplicable} (out of scope)
	 * @param daysLate whole calendar days since the due day, in the reporting time zone: 0 is today
	 */
	public record Deadline(String milestone, Instant due, String status, long daysLate) {
	}

}
