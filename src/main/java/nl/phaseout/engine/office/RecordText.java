package nl.phaseout.engine.office;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.record.CampaignRecord;
import nl.phaseout.engine.system.PlainText;

/**
 * The closure record in the office's words: each entry's details as labelled values (yes or no,
 * dates as people write them, phases, categories and milestones by name, sources and groups as
 * words), in the page's language. The API's {@code /record} keeps the stored values.
 */
@Component("recordText")
public class RecordText {

	/** Details that the page shows elsewhere (the task in its own column) or that only machines read. */
	private static final Set<String> HIDDEN = Set.of("task", "taskName", "endpointsShown", "alternativeChoice");

	/** Details holding an event's or a scan's source. */
	private static final Set<String> SOURCES = Set.of("source", "eventSource", "evidenceScanSource");

	/** How {@code java.util.Date#toString()} writes a date a form's date field gave. */
	private static final DateTimeFormatter DATE_TO_STRING = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy",
			Locale.ENGLISH);

	private static final Pattern EVENT_ACTOR = Pattern.compile("event (.+) from (.+)");

	private static final Pattern MANUAL = Pattern.compile("urn:phaseout:manual:(.+)");

	private static final Pattern TERMINATED_BY_EVENT = Pattern.compile("terminated by event: contract (.+) with (.+)");

	private static final Pattern DECISION_TABLE = Pattern.compile("decision table (.+)");

	private final MessageSource messages;

	private final OfficeFormat format;

	RecordText(MessageSource messages, OfficeFormat format) {
		this.messages = messages;
		this.format = format;
	}

	/** An entry's details (a decision's outcome) as labelled values, in the order they were recorded. */
	public List<Fact> facts(CampaignRecord.Entry entry, Locale locale) {
		if (entry == null || entry.data() == null) {
			return List.of();
		}
		Object outcome = entry.data().get("outcome");
		Map<?, ?> shown = outcome instanceof Map<?, ?> map ? map : entry.data();
		List<Fact> facts = new ArrayList<>();
		shown.forEach((name, value) -> {
			String key = String.valueOf(name);
			if (value != null && !String.valueOf(value).isBlank() && !HIDDEN.contains(key)) {
				facts.add(new Fact(key, label(key, locale), PlainText.text(value(key, value, entry, locale))));
			}
		});
		return facts;
	}

	/** Text from a user shown as text: what a reader cannot see by its code point (see {@link PlainText#text}). */
	public String plain(String text) {
		return PlainText.text(text);
	}

	/** The task a decision was taken in, by its name in the page's language. */
	public String task(CampaignRecord.Entry decision, Locale locale) {
		Object key = decision.data().get("task");
		Object name = decision.data().get("taskName");
		return text("task." + key, name == null ? String.valueOf(key) : String.valueOf(name), locale);
	}

	/** How the applicability was decided: "Verplicht (beslistabel phaseout-applicability, categorie Rijksoverheid)". */
	public String applicability(CampaignRecord.Entry entry, Locale locale) {
		Map<String, Object> data = entry.data();
		String applicability = text("applicability." + data.get("applicability"), String.valueOf(data.get("applicability")),
				locale);
		List<String> how = new ArrayList<>();
		if (data.get("decidedBy") != null) {
			how.add(value("decidedBy", data.get("decidedBy"), entry, locale));
		}
		if (data.get("category") != null) {
			how.add(label("category", locale).toLowerCase(locale) + " " + value("category", data.get("category"), entry,
					locale));
		}
		return how.isEmpty() ? applicability : applicability + " (" + String.join(", ", how) + ")";
	}

	/**
	 * Who an entry is from, as words: a user's name, "handmatige upload door jan", a feed's source,
	 * "gebeurtenis 42 van …", or the engine itself when no one is named.
	 */
	public String actor(String actor, Locale locale) {
		if (actor == null || actor.isBlank()) {
			return text("record.actor.engine", "engine", locale);
		}
		Matcher event = EVENT_ACTOR.matcher(actor);
		if (event.matches()) {
			return messages.getMessage("record.actor.event", new Object[] { event.group(1), source(event.group(2), locale) },
					locale);
		}
		return actor.contains(":") || actor.contains("/") ? source(actor, locale) : PlainText.text(actor);
	}

	/** A CloudEvents source as words: "handmatige upload door jan", "osquery", "bron /intune/rijksict". */
	public String source(String source, Locale locale) {
		if (source == null || source.isBlank()) {
			return "";
		}
		Matcher manual = MANUAL.matcher(source);
		if (manual.matches()) {
			return messages.getMessage("record.source.manual", new Object[] { PlainText.text(manual.group(1)) }, locale);
		}
		if (source.equals("urn:phaseout:osquery")) {
			return text("record.source.osquery", "osquery", locale);
		}
		return messages.getMessage("record.source.other", new Object[] { PlainText.text(source) }, locale);
	}

	/** A project managers' group as words: "projectleiders MIN-BZK"; the office's group by name. */
	public String group(String group, Locale locale) {
		if (group == null) {
			return "";
		}
		if (group.equals("phaseout-office")) {
			return text("record.group.office", group, locale);
		}
		if (group.startsWith("pm-") && group.length() > 3) {
			return messages.getMessage("record.group.pm", new Object[] { group.substring(3).toUpperCase(Locale.ROOT) },
					locale);
		}
		return PlainText.text(group);
	}

	/** A verification scan's verdict explained from its counts, in the page's language. */
	public String reason(CampaignRecord.Entry scan, Locale locale) {
		Map<String, Object> data = scan.data();
		String verdict = String.valueOf(data.get("verdict"));
		Object scanId = data.get("scanId");
		Object[] args = { scanId, number(data.get("total"), locale), number(data.get("banned"), locale),
				number(data.get("unprotected"), locale), number(data.get("endpointCount"), locale) };
		String key = switch (verdict) {
			case "CLEAN" -> "record.reason.clean";
			case "NOT_CLEAN" -> "record.reason.notClean";
			default -> scanId == null ? "record.reason.noScan" : "record.reason.incomplete";
		};
		return messages.getMessage(key, args, locale);
	}

	private String label(String key, Locale locale) {
		return text("record.field." + key, key, locale);
	}

	private String value(String key, Object value, CampaignRecord.Entry entry, Locale locale) {
		if (value instanceof Boolean yes) {
			return text(yes ? "record.yes" : "record.no", String.valueOf(yes), locale);
		}
		if (value instanceof Number n) {
			return number(n, locale);
		}
		if (value instanceof Collection<?> list) {
			return String.join(", ", list.stream().map(String::valueOf).toList());
		}
		String text = String.valueOf(value);
		if (SOURCES.contains(key)) {
			return source(text, locale);
		}
		switch (key) {
			case "applicability", "category", "phase" -> {
				return text(key + "." + text, text, locale);
			}
			case "verdict" -> {
				return text("evidence.verdict." + text, text, locale);
			}
			case "deadline" -> {
				return text("milestone." + text, text, locale);
			}
			case "reason" -> {
				return reason(entry, locale);
			}
			case "decidedBy" -> {
				Matcher table = DECISION_TABLE.matcher(text);
				return table.matches()
						? messages.getMessage("record.decisionTable", new Object[] { table.group(1) }, locale) : text;
			}
			case "rationale" -> {
				return text.equals("selected by event") ? text("record.selectedByEvent", text, locale) : text;
			}
			case "contractRemarks" -> {
				Matcher terminated = TERMINATED_BY_EVENT.matcher(text);
				return terminated.matches() ? messages.getMessage("record.terminatedByEvent",
						new Object[] { terminated.group(1), terminated.group(2) }, locale) : text;
			}
			default -> {
				return moment(text, locale);
			}
		}
	}

	/** A moment or a date written as text, as people read it; any other text as it is. */
	String moment(String text, Locale locale) {
		try {
			return format.dateTime(Instant.parse(text), locale);
		}
		catch (DateTimeParseException ex) {
			// not an instant
		}
		try {
			return format.dateTime(OffsetDateTime.parse(text).toInstant(), locale);
		}
		catch (DateTimeParseException ex) {
			// not a moment with an offset
		}
		try {
			return format.date(LocalDate.parse(text), locale);
		}
		catch (DateTimeParseException ex) {
			// not a date
		}
		try {
			LocalDateTime local = LocalDateTime.parse(text);
			return local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? format.date(local.toLocalDate(), locale)
					: format.dateTime(local.atZone(format.zone()).toInstant(), locale);
		}
		catch (DateTimeParseException ex) {
			// not a local date and time
		}
		try {
			ZonedDateTime zoned = ZonedDateTime.parse(text, DATE_TO_STRING);
			// a form's date field: a day, stored as its midnight
			return zoned.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? format.date(zoned.toLocalDate(), locale)
					: format.dateTime(zoned.toInstant(), locale);
		}
		catch (DateTimeParseException ex) {
			return text;
		}
	}

	private String number(Object value, Locale locale) {
		return value instanceof Number n ? format.number(n.longValue(), locale) : String.valueOf(value);
	}

	private String text(String code, String fallback, Locale locale) {
		return messages.getMessage(code, null, fallback, locale);
	}

	/** @param key the detail's name as the record stores it, for tests and {@code data-} attributes */
	public record Fact(String key, String label, String value) {
	}

}
