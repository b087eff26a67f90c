package nl.phaseout.engine.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One phase-out decision.
 *
 * @param deadlines deadline name ({@code inventory}, {@code plan}, {@code rolloutStart},
 * {@code completion}) to an ISO-8601 duration from registration (P30D, PT5M), or an absolute
 * date (2019-06-30: the end of that day, Dutch time) or date-time; absent when not set
 * @param statusReportInterval how often the programme office gets a status report, ISO-8601, or null
 * @param vendors the banned product's vendors: each a part of the vendor's name, regardless of case
 * @param staleAfter how old (ISO-8601 duration, P14D) an endpoint's latest observation may be, measured back
 * from its organisation's inventory clock, before it counts as stale
 * @param status {@code DRAFT} until activated, {@code ACTIVE} while it starts and moves processes,
 * {@code CLOSED} when it starts none and keeps its records
 * @param exemptions whether and until when its project managers may ask for endpoints to be exempted
 * @param decisionReference where the decision was published (Kamerstuk, directive number), or null
 */
public record Campaign(String id, String name, LocalDate decisionDate, String applicabilityDecision,
		String classificationDecision, Map<String, String> deadlines, String statusReportInterval, Status status,
		List<String> vendors, String staleAfter, Exemptions exemptions, String decisionReference) {

	public static final String DEFAULT_ID = "kaspersky-av-2018";

	public static final String DEFAULT_STALE_AFTER = "P14D";

	/** Where a campaign is in its life. */
	public enum Status {

		DRAFT, ACTIVE, CLOSED

	}

	/**
	 * Whether project managers may ask for endpoints to be exempted.
	 *
	 * @param maxUntil the last day any exemption may run to, or null for no limit
	 * @param allowSignOff whether an organisation with exempted endpoints may still reach sign-off
	 */
	public record Exemptions(boolean allowed, LocalDate maxUntil, boolean allowSignOff) {

		public static final Exemptions NONE = new Exemptions(false, null, false);

	}

	public Campaign {
		staleAfter = staleAfter == null ? DEFAULT_STALE_AFTER : staleAfter;
		status = status == null ? Status.DRAFT : status;
		exemptions = exemptions == null ? Exemptions.NONE : exemptions;
	}

	/** A campaign as 0.2 knew it: active or a draft, without exemptions. */
	public Campaign(String id, String name, LocalDate decisionDate, String applicabilityDecision,
			String classificationDecision, Map<String, String> deadlines, String statusReportInterval, boolean active,
			List<String> vendors, String staleAfter) {
		this(id, name, decisionDate, applicabilityDecision, classificationDecision, deadlines, statusReportInterval,
				active ? Status.ACTIVE : Status.DRAFT, vendors, staleAfter, Exemptions.NONE, null);
	}

	/** A campaign with the default {@code staleAfter}. */
	public Campaign(String id, String name, LocalDate decisionDate, String applicabilityDecision,
			String classificationDecision, Map<String, String> deadlines, String statusReportInterval, boolean active,
			List<String> vendors) {
		this(id, name, decisionDate, applicabilityDecision, classificationDecision, deadlines, statusReportInterval,
				active, vendors, DEFAULT_STALE_AFTER);
	}

	/** Whether it starts and moves processes. */
	public boolean active() {
		return status == Status.ACTIVE;
	}

	/** This campaign in another status. */
	public Campaign withStatus(Status newStatus) {
		return new Campaign(id, name, decisionDate, applicabilityDecision, classificationDecision, deadlines,
				statusReportInterval, newStatus, vendors, staleAfter, exemptions, decisionReference);
	}

	/** The campaign's {@code staleAfter} as a duration. */
	public Duration staleAfterDuration() {
		return Duration.parse(staleAfter);
	}

	/** Dates in campaign settings are Dutch calendar days. */
	static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	/** The campaign's deadlines as moments, for an organisation registered (or reopened) at the given time. */
	public Map<String, Instant> deadlinesFrom(Instant registeredAt) {
		Map<String, Instant> due = new LinkedHashMap<>();
		deadlines.forEach((name, deadline) -> due.put(name, due(registeredAt, deadline)));
		return due;
	}

	/**
	 * A deadline as a moment: an ISO-8601 duration after {@code from} (P30D, P1Y, PT5M), an absolute
	 * date (the end of that day, Dutch time) or an absolute date-time with a zone.
	 */
	static Instant due(Instant from, String deadline) {
		if (deadline.startsWith("P")) {
			if (deadline.contains("T")) {
				return from.plus(Duration.parse(deadline));
			}
			return from.atZone(ZoneOffset.UTC).plus(Period.parse(deadline)).toInstant();
		}
		if (deadline.contains("T")) {
			return OffsetDateTime.parse(deadline).toInstant();
		}
		return LocalDate.parse(deadline).plusDays(1).atStartOfDay(ZONE).toInstant();
	}

}
