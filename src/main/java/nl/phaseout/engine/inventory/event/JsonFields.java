package nl.phaseout.engine.inventory.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object and fails with the field's path in plain words
 * ({@code data.products[2].state must be one of ...}). Fields it is not asked for are ignored.
 */
final class JsonFields {

	private static final Pattern RFC_3339 = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

	private static final int DEFAULT_MAX_LENGTH = 200;

	private final JsonNode object;

	private final String path;

	private JsonFields(JsonNode object, String path) {
		this.object = object;
		this.path = path;
	}

	static JsonFields of(JsonNode node, String path) {
		if (node == null || node.isMissingNode() || node.isNull()) {
			throw new InvalidEventException("missing " + path);
		}
		if (!node.isObject()) {
			throw new InvalidEventException(path + " must be a JSON object");
		}
		return new JsonFields(node, path);
	}

	String path(String field) {
		return path + "." + field;
	}

	JsonNode node(String field) {
		JsonNode value = object.get(field);
		return value == null || value.isNull() ? null : value;
	}

	String text(String field) {
		return text(field, DEFAULT_MAX_LENGTH);
	}

	String text(String field, int maxLength) {
		String value = optionalText(field, maxLength);
		if (value == null) {
			throw new InvalidEventException("missing " + path(field));
		}
		return value;
	}

	String optionalText(String field, int maxLength) {
		JsonNode value = node(field);
		if (value == null) {
			return null;
		}
		if (!value.isTextual()) {
			throw new InvalidEventException(path(field) + " must be a string");
		}
		String text = value.textValue().strip();
		if (text.isEmpty()) {
			throw new InvalidEventException(path(field) + " must not be empty");
		}
		checkCharacters(path(field), text);
		if (text.length() > maxLength) {
			throw new InvalidEventException(path(field) + " is longer than " + maxLength + " characters");
		}
		return text;
	}

	/**
	 * Control characters (U+0000 to U+001F, U+007F) have no place in an identifier or a product
	 * name, and PostgreSQL refuses U+0000 outright: such a value would fail the whole batch.
	 */
	static void checkCharacters(String what, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				throw new InvalidEventException(what + " contains the control character U+"
						+ String.format("%04X", (int) c) + " at position " + (i + 1));
			}
		}
	}

	/** An endpoint id or product field: {@link #optionalText} under {@link EdgeText}'s rule. */
	String label(String field, int maxLength) {
		String value = optionalLabel(field, maxLength);
		if (value == null) {
			throw new InvalidEventException("missing " + path(field));
		}
		return value;
	}

	String optionalLabel(String field, int maxLength) {
		String value = optionalText(field, maxLength);
		if (value != null) {
			EdgeText.problem(value, maxLength).ifPresent(problem -> {
				throw new InvalidEventException(path(field) + " " + problem);
			});
		}
		return value;
	}

	Instant timestamp(String field) {
		return parseTimestamp(path(field), text(field, 64));
	}

	/** A timestamp that may be absent (null). */
	Instant optionalTimestamp(String field) {
		String text = optionalText(field, 64);
		return text == null ? null : parseTimestamp(path(field), text);
	}

	LocalDate optionalDate(String field) {
		String text = optionalText(field, 64);
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			if (RFC_3339.matcher(text).matches()) {
				return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toLocalDate();
			}
			throw new InvalidEventException(path(field) + " is not a date (YYYY-MM-DD): '" + text + "'");
		}
	}

	long nonNegativeLong(String field) {
		JsonNode value = node(field);
		if (value == null) {
			throw new InvalidEventException("missing " + path(field));
		}
		if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
			throw new InvalidEventException(path(field) + " must be a whole number of 0 or more");
		}
		return value.asLong();
	}

	/**
	 * RFC 3339 {@code date-time}: full date, time with seconds, and a zone ({@code Z} or an offset).
	 * Kept to the microsecond, as PostgreSQL and H2 store it: a finer time would compare as later
	 * than itself once stored, and a repeat of the event would look new.
	 */
	static Instant parseTimestamp(String what, String text) {
		if (RFC_3339.matcher(text).matches()) {
			try {
				return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant().truncatedTo(ChronoUnit.MICROS);
			}
			catch (DateTimeParseException ex) {
				// falls through: well-formed but impossible, such as February 30th
			}
		}
		throw new InvalidEventException(what + " is not an RFC 3339 timestamp: '" + text + "'");
	}

}
