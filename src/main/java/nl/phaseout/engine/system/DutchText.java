package nl.phaseout.engine.system;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values as the engine writes them for people who read Dutch, where no page locale exists: the
 * Camunda forms in Tasklist and the endpoint lists they show. Dates as people write them (7
 * december 2026 05:51, Dutch time), sources as words ("handmatige upload door jan"), and phases
 * and milestones by the names the office's pages use ({@code messages.properties}, the one place
 * they are spelt). The stored values stay as they are; these are for reading only.
 */
public final class DutchText {

	/** Where a day begins and ends for the people who read these texts. */
	public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", DUTCH);

	/** messages.properties is Dutch; no fallback to the JVM's language. */
	private static final ResourceBundle WORDS = ResourceBundle.getBundle("i18n.messages", Locale.ROOT,
			ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

	private static final Pattern MANUAL = Pattern.compile("urn:phaseout:manual:(.+)");

	private DutchText() {
	}

	/** "7 december 2026 05:51", Dutch time; empty for none. */
	public static String dateTime(Instant instant) {
		return instant == null ? "" : DATE_TIME.format(instant.atZone(ZONE));
	}

	/** An ISO-8601 instant as {@link #dateTime(Instant)}; anything else as it is, as text. */
	public static String dateTime(String iso) {
		if (iso == null || iso.isBlank()) {
			return "";
		}
		try {
			return dateTime(Instant.parse(iso.strip()));
		}
		catch (DateTimeParseException notAnInstant) {
			return PlainText.value(iso);
		}
	}

	/** "31 december 2026"; empty for none. */
	public static String date(LocalDate date) {
		return date == null ? "" : DATE.format(date);
	}

	/** A yyyy-MM-dd day as {@link #date(LocalDate)}; anything else as it is, as text. */
	public static String date(String iso) {
		if (iso == null || iso.isBlank()) {
			return "";
		}
		try {
			return date(LocalDate.parse(iso.strip()));
		}
		catch (DateTimeParseException notADay) {
			return PlainText.value(iso);
		}
	}

	/** A CloudEvents source as words: "handmatige upload door jan", "osquery", "bron /intune/rijksict". */
	public static String source(String source) {
		if (source == null || source.isBlank()) {
			return "";
		}
		Matcher manual = MANUAL.matcher(source);
		if (manual.matches()) {
			return MessageFormat.format(word("record.source.manual", "handmatige upload door {0}"),
					PlainText.value(manual.group(1)));
		}
		if (source.equals("urn:phaseout:osquery")) {
			return word("record.source.osquery", "osquery");
		}
		return MessageFormat.format(word("record.source.other", "bron {0}"), PlainText.value(source));
	}

	/** A phase by its Dutch name ("Contracten" for {@code CONTRACT_REVIEW}); an unknown one as it is. */
	public static String phase(String phase) {
		return phase == null || phase.isBlank() ? "" : word("phase." + phase, PlainText.value(phase));
	}

	/** A milestone by its deadline's Dutch name ("Inventarisatie" for {@code inventory}); an unknown one as it is. */
	public static String milestone(String deadline) {
		return deadline == null || deadline.isBlank() ? "" : word("milestone." + deadline, PlainText.value(deadline));
	}

	/** The Dutch text under a key of messages.properties, or the fallback. */
	public static String word(String key, String fallback) {
		try {
			return WORDS.getString(key);
		}
		catch (MissingResourceException unknown) {
			return fallback;
		}
	}

}
