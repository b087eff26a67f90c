package nl.phaseout.engine.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One phase-out decision.
 *
 * @param deadlines deadline name ({@code inventory}, {@code plan}, {@code rolloutStart},
 * {@code completion}) to an ISO-8601 duration from registration; absent when not set
 * @param statusReportInterval how often organisations report status, ISO-8601, or null
 */
public record Campaign(String id, String name, LocalDate decisionDate, String applicabilityDecision,
		String classificationDecision, Map<String, String> deadlines, String statusReportInterval, boolean active) {

	public static final String DEFAULT_ID = "kaspersky-av-2018";

	public static final String[] DEADLINES = { "inventory", "plan", "rolloutStart", "completion" };

	/** The campaign's deadlines as moments, for an organisation registered at the given time. */
	public Map<String, Instant> deadlinesFrom(Instant registeredAt) {
		Map<String, Instant> due = new LinkedHashMap<>();
		deadlines.forEach((name, duration) -> due.put(name, plus(registeredAt, duration)));
		return due;
	}

	/** ISO-8601 durations with days, months or years (P30D) or with time (PT5M). */
	static Instant plus(Instant from, String isoDuration) {
		if (isoDuration.contains("T")) {
			return from.plus(Duration.parse(isoDuration));
		}
		return from.atZone(ZoneOffset.UTC).plus(Period.parse(isoDuration)).toInstant();
	}

}
