package nl.phaseout.engine.report;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The header lines of the office's CSV downloads, in English unless the request asks for Dutch
 * ({@code ?lang=nl}, or an {@code Accept-Language} that prefers Dutch to English): an API client
 * keeps the header it has always read, and the office's page passes its own language in the link.
 * The rows stay as the API names things (phases, categories, ISO-8601 times).
 */
@Component
class CsvHeaders {

	private static final List<String> LANGUAGES = List.of("en", "nl");

	private final MessageSource messages;

	CsvHeaders(MessageSource messages) {
		this.messages = messages;
	}

	/** Whether the request asks for Dutch: {@code lang} first, else the first of English and Dutch it accepts. */
	static boolean dutch(String lang, String acceptLanguage) {
		if (lang != null && !lang.isBlank()) {
			return lang.trim().toLowerCase(Locale.ROOT).startsWith("nl");
		}
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return false;
		}
		try {
			return "nl".equals(Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The header line's cells: each column's name (the English key) or its Dutch words ({@code csv.<table>.<column>}). */
	List<String> of(String table, List<String> columns, String lang, String acceptLanguage) {
		if (!dutch(lang, acceptLanguage)) {
			return columns;
		}
		Locale dutch = Locale.forLanguageTag("nl-NL");
		return columns.stream()
			.map(column -> messages.getMessage("csv." + table + "." + column, null, column, dutch))
			.toList();
	}

}
