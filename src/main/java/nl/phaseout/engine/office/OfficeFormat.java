package nl.phaseout.engine.office;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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

}
