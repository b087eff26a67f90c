package nl.phaseout.engine.inventory.osquery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import nl.phaseout.engine.inventory.event.EdgeText;
import nl.phaseout.engine.inventory.event.InvalidEventException;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointObserved;
import nl.phaseout.engine.inventory.event.InventoryEvent.Envelope;
import nl.phaseout.engine.inventory.event.InventoryEvent.Product;
import nl.phaseout.engine.inventory.event.InventoryEventParser;
import nl.phaseout.engine.inventory.osquery.OsqueryResult.Ignored;
import nl.phaseout.engine.inventory.osquery.OsqueryResult.Observation;

/**
 * Reads osquery's result logs as its Kafka logger ({@code --logger_plugin=kafka_producer}) writes
 * them: one JSON object a record, no CloudEvents envelope. The topic names the organisation
 * ({@code phaseout.inventory.osquery.<organisationId>}): ACLs let only that organisation's agents
 * write it, and nothing in the record (a decoration, the key, which osquery sets to its host name
 * and binary) is trusted for that.
 * <p>
 * A snapshot result ({@code "action":"snapshot"}) of a query whose name ends with
 * {@value #QUERY} is one {@code endpoint.observed}: {@code hostIdentifier} the endpoint,
 * {@code unixTime} the observation time, each row of {@code snapshot} a product ({@code name},
 * {@code type} as the category in lower case, {@code state}: {@code On} is active, anything else,
 * such as {@code Off}, {@code Snoozed} or {@code Expired}, disabled; the vendor is {@code publisher}
 * where the query gives one, else empty). Its id is derived from the organisation, host, query,
 * time, epoch and counter, so a repeat of the line changes nothing. Every other result (differential
 * {@code added}/{@code removed} rows, batches, other queries, status logs) is {@link Ignored}. A
 * record that is no JSON object, or a snapshot of the query that breaks the rules of
 * {@link EdgeText}, is invalid, with the reason.
 */
public final class OsqueryResults {

	/** The source every observation read from osquery carries. */
	public static final String SOURCE = "urn:phaseout:osquery";

	/** The organisation's topic is this prefix followed by its id. */
	public static final String TOPIC_PREFIX = "phaseout.inventory.osquery.";

	/** The topics the engine subscribes to, by pattern, so that a new organisation's topic is read when it appears. */
	public static final String TOPIC_PATTERN = "phaseout\\.inventory\\.osquery\\..+";

	/** The end of the query's name; osquery prefixes a pack's queries with {@code pack_<pack>_}. */
	public static final String QUERY = "phaseout_security_products";

	/** As an organisation id is registered: a letter or digit, then up to 63 letters, digits, '.', '_' or '-'. */
	private static final Pattern ORGANISATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

	/** Duplicate keys would let two readers of the same line see different things. */
	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final Clock clock;

	private final Duration maxClockSkew;

	public OsqueryResults(Clock clock, Duration maxClockSkew) {
		this.clock = clock;
		this.maxClockSkew = maxClockSkew;
	}

	/** The engine's own clock and the default skew. */
	public OsqueryResults() {
		this(Clock.systemUTC(), InventoryEventParser.DEFAULT_MAX_CLOCK_SKEW);
	}

	/** Whether the topic is an organisation's osquery topic. */
	public static boolean isOsqueryTopic(String topic) {
		return topic != null && topic.startsWith(TOPIC_PREFIX) && topic.length() > TOPIC_PREFIX.length();
	}

	/** The organisation an osquery topic names; empty when the rest of its name is no organisation id. */
	public static Optional<String> organisationOf(String topic) {
		if (!isOsqueryTopic(topic)) {
			return Optional.empty();
		}
		String id = topic.substring(TOPIC_PREFIX.length());
		return ORGANISATION_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
	}

	/**
	 * One record of an osquery topic.
	 *
	 * @throws InvalidEventException saying why the record can never be read
	 */
	public OsqueryResult read(String topic, byte[] value) {
		String organisationId = organisationOf(topic).orElseThrow(() -> new InvalidEventException("topic '" + topic
				+ "' names no organisation: expected " + TOPIC_PREFIX + "<organisationId>, the id as registered"));
		if (value == null || value.length == 0) {
			throw new InvalidEventException("record has no value");
		}
		if (value.length > InventoryEventParser.MAX_RECORD_BYTES) {
			throw new InvalidEventException("record is larger than 512 KiB");
		}
		JsonNode line;
		try {
			line = JSON.readTree(value);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidEventException("not an osquery result log line: the value is not JSON ("
					+ firstLine(ex.getOriginalMessage()) + ")");
		}
		catch (IOException ex) {
			throw new InvalidEventException("not an osquery result log line: the value is not JSON");
		}
		if (line == null || !line.isObject()) {
			throw new InvalidEventException("not an osquery result log line: the value is not a JSON object");
		}
		JsonNode name = line.get("name");
		if (name == null || !name.isTextual()) {
			return new Ignored("no query name: not a query result (a status log?)");
		}
		if (!name.textValue().endsWith(QUERY)) {
			return new Ignored("a result of query '" + shortened(name.textValue()) + "', not of " + QUERY);
		}
		JsonNode action = line.get("action");
		JsonNode snapshot = line.get("snapshot");
		if (action == null || !"snapshot".equals(action.asText())) {
			return new Ignored("a " + (action == null ? "batched differential" : "'" + shortened(action.asText()) + "'")
					+ " result of " + QUERY + ": only snapshot results (\"snapshot\": true) are read");
		}
		if (snapshot == null) {
			return new Ignored("one row of a snapshot of " + QUERY + " (--logger_snapshot_event_type): only whole"
					+ " snapshots are read, which say which products a host has and which it has not");
		}
		return new Observation(observed(organisationId, name.textValue(), line, snapshot));
	}

	private EndpointObserved observed(String organisationId, String query, JsonNode line, JsonNode snapshot) {
		String host = label(line, "hostIdentifier", "hostIdentifier");
		long unixTime = wholeNumber(line, "unixTime", true);
		long epoch = wholeNumber(line, "epoch", false);
		long counter = wholeNumber(line, "counter", false);
		Instant observedAt = Instant.ofEpochSecond(unixTime);
		Instant latest = clock.instant().plus(maxClockSkew);
		if (observedAt.isAfter(latest)) {
			throw new InvalidEventException("unixTime " + unixTime + " (" + observedAt + ") is more than "
					+ maxClockSkew.toMinutes() + " minutes ahead of the engine's clock (" + clock.instant()
					+ "); an observation cannot report the future");
		}
		if (!snapshot.isArray()) {
			throw new InvalidEventException("snapshot must be a list of rows");
		}
		Set<Product> products = new LinkedHashSet<>();
		for (int i = 0; i < snapshot.size(); i++) {
			products.add(product(snapshot.get(i), "snapshot[" + i + "]"));
		}
		String id = "osquery-" + digest(organisationId, host, query, Long.toString(unixTime), Long.toString(epoch),
				Long.toString(counter));
		Envelope envelope = new Envelope(SOURCE, id, InventoryEvent.ENDPOINT_OBSERVED, observedAt);
		return new EndpointObserved(envelope, organisationId, host, observedAt, List.copyOf(products));
	}

	private static Product product(JsonNode row, String path) {
		if (row == null || !row.isObject()) {
			throw new InvalidEventException(path + " must be a JSON object");
		}
		String name = label(row, "name", path + ".name");
		String category = label(row, "type", path + ".type").toLowerCase(Locale.ROOT);
		String state = label(row, "state", path + ".state");
		String publisher = optionalLabel(row, "publisher", path + ".publisher");
		return new Product(publisher == null ? "" : publisher, name, null, category,
				"on".equalsIgnoreCase(state) ? "active" : "disabled");
	}

	private static String label(JsonNode object, String field, String path) {
		String value = optionalLabel(object, field, path);
		if (value == null) {
			throw new InvalidEventException("missing " + path);
		}
		return value;
	}

	/** The text without surrounding blanks under {@link EdgeText}'s rule; null when absent or empty. */
	private static String optionalLabel(JsonNode object, String field, String path) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isTextual()) {
			throw new InvalidEventException(path + " must be a string");
		}
		String text = value.textValue().strip();
		if (text.isEmpty()) {
			return null;
		}
		EdgeText.problem(text, EdgeText.MAX_LENGTH).ifPresent(problem -> {
			throw new InvalidEventException(path + " " + problem);
		});
		return text;
	}

	/** osquery writes these as numbers, older versions as strings of digits. */
	private static long wholeNumber(JsonNode line, String field, boolean required) {
		JsonNode value = line.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidEventException("missing " + field);
			}
			return 0;
		}
		if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
			return value.longValue();
		}
		if (value.isTextual() && DIGITS.matcher(value.textValue()).matches()) {
			return Long.parseLong(value.textValue());
		}
		throw new InvalidEventException(field + " must be a whole number of 0 or more");
	}

	private static String digest(String... parts) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (String part : parts) {
				sha.update(part.getBytes(StandardCharsets.UTF_8));
				sha.update((byte) 0);
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private static String shortened(String text) {
		String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
		return EdgeText.problem(shown, Integer.MAX_VALUE).isPresent() ? "(unprintable)" : shown;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int end = message.indexOf('\n');
		return end < 0 ? message : message.substring(0, end);
	}

}
