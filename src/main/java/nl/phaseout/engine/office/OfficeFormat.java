package nl.phaseout.engine.office;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import nl.phaseout.engine.record.CampaignRecord;
import nl.phaseout.engine.report.ReportingProperties;
import nl.phaseout.engine.system.PlainText;

/**
 * Dates and numbers as people read them: Dutch notation (28-11-2026 14:05, 1.234) or English
 * (28 Nov 2026, 1,234), in the reporting time zone. The APIs keep ISO-8601.
 */
@Component("officeFormat")
public class OfficeFormat {

	private static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy", OfficeLocales.DUTCH);

	private static final DateTimeFormatter DUTCH_TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm",
			OfficeLocales.DUTCH);

	private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMM yyyy",
			OfficeLocales.ENGLISH);

	private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm",
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


	/** A record entry's details as text, for the decisions table. */
	public String details(CampaignRecord.Entry entry) {
		if (entry == null || entry.data() == null) {
			return "";
		}
		Object outcome = entry.data().get("outcome");
		Map<?, ?> shown = outcome instanceof Map<?, ?> map ? map : entry.data();
		List<String> parts = new ArrayList<>();
		shown.forEach((name, value) -> {
			if (value != null && !String.valueOf(value).isBlank()) {
				parts.add(name + ": " + value);
			}
		});
		return text(String.join("; ", parts));
	}

	/** Text from users and feeds as the pages show it: hidden characters (U+202E) by their code point. */
	public String text(Object value) {
		return value == null ? "" : PlainText.text(String.valueOf(value));
	}

}
