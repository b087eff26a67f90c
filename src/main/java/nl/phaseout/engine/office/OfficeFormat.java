package nl.phaseout.engine.office;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import nl.phaseout.engine.report.ReportingProperties;
import nl.phaseout.engine.system.PlainText;

/**
 * Dates and numbers as people read them: Dutch (7 december 2026 05:51, 1.234) or English
 * (7 December 2026 05:51, 1,234), in the reporting time zone. The APIs keep ISO-8601.
 */
@Component("officeFormat")
public class OfficeFormat {

	private static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", OfficeLocales.DUTCH);

	private static final DateTimeFormatter DUTCH_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm",
			OfficeLocales.DUTCH);

	private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy",
			OfficeLocales.ENGLISH);

	private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm",
			OfficeLocales.ENGLISH);

	private final ReportingProperties properties;

	OfficeFormat(ReportingProperties properties) {
		this.properties = properties;
	}

	public String date(Instant instant, Locale locale) {
		return instant == null ? "" : date(LocalDate.ofInstant(instant, properties.zone()), locale);
	}

	public String date(LocalDate date, Locale locale) {
		return date == null ? "" : (english(locale) ? ENGLISH_DATE : DUTCH_DATE).format(date);
	}

	public String dateTime(Instant instant, Locale locale) {
		return instant == null ? ""
				: (english(locale) ? ENGLISH_TIME : DUTCH_TIME).format(instant.atZone(properties.zone()));
	}

	java.time.ZoneId zone() {
		return properties.zone();
	}

	/** A machine-readable date for {@code <time datetime>}. */
	public String iso(Instant instant) {
		return instant == null ? "" : instant.toString();
	}

	public String number(long number, Locale locale) {
		return NumberFormat.getIntegerInstance(english(locale) ? OfficeLocales.ENGLISH : OfficeLocales.DUTCH)
			.format(number);
	}

	/** A share as a whole percentage. */
	public long percent(long part, long whole) {
		return whole == 0 ? 0 : Math.round(100.0 * part / whole);
	}

	private static boolean english(Locale locale) {
		return locale != null && locale.getLanguage().equals("en");
	}


	/** Text from users and feeds as the pages show it: hidden characters (U+202E) by their code point. */
	public String text(Object value) {
		return value == null ? "" : PlainText.text(String.valueOf(value));
	}

	/**
	 * A campaign's setting as people read it: an ISO-8601 duration in words with the ISO value beside it
	 * ("30 dagen (P30D)", "10 minutes (PT10M)"), a date as a date; anything else as it is.
	 */
	public String setting(String value, Locale locale) {
		if (value == null || value.isBlank()) {
			return "–";
		}
		boolean dutch = !OfficeLocales.ENGLISH.getLanguage().equals(locale.getLanguage());
		try {
			if (value.startsWith("P") && !value.contains("T")) {
				Period period = Period.parse(value);
				return words(dutch, new long[] { period.getYears(), period.getMonths(), period.getDays() },
						dutch ? new String[] { "jaar", "jaar", "maand", "maanden", "dag", "dagen" }
								: new String[] { "year", "years", "month", "months", "day", "days" })
						+ " (" + value + ")";
			}
			if (value.startsWith("P")) {
				Duration duration = Duration.parse(value);
				return words(dutch, new long[] { duration.toDaysPart(), duration.toHoursPart(), duration.toMinutesPart(),
						duration.toSecondsPart() },
						dutch ? new String[] { "dag", "dagen", "uur", "uur", "minuut", "minuten", "seconde", "seconden" }
								: new String[] { "day", "days", "hour", "hours", "minute", "minutes", "second", "seconds" })
						+ " (" + value + ")";
			}
			return date(LocalDate.parse(value), locale);
		}
		catch (DateTimeParseException | ArithmeticException notOneWeKnow) {
			return PlainText.value(value);
		}
	}

	private static String words(boolean dutch, long[] amounts, String[] units) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < amounts.length; i++) {
			if (amounts[i] != 0) {
				parts.add(amounts[i] + " " + units[2 * i + (amounts[i] == 1 ? 0 : 1)]);
			}
		}
		if (parts.isEmpty()) {
			return dutch ? "0 dagen" : "0 days";
		}
		return String.join(dutch ? " en " : " and ", parts);
	}

}
