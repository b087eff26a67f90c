package nl.phaseout.engine.inventory.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import nl.phaseout.engine.inventory.event.InventoryEvent.Envelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads the CloudEvents 1.0 envelope of a Kafka record in structured mode (the whole event as
 * JSON in the value) or binary mode ({@code ce_*} headers, the data as the value). Done by hand
 * rather than with the CloudEvents SDK so that every failure says in plain words what was wrong.
 */
final class CloudEventReader {

	static final String STRUCTURED_CONTENT_TYPE = InventoryEvent.STRUCTURED_CONTENT_TYPE;

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** The envelope and the still untyped {@code data} object. */
	record CloudEvent(Envelope envelope, JsonNode data) {
	}

	CloudEvent read(ConsumerRecord<String, byte[]> record) {
		byte[] value = record.value();
		if (value == null || value.length == 0) {
			throw new InvalidEventException("record has no value");
		}
		if (header(record, "ce_specversion") != null) {
			return binary(record, value);
		}
		String contentType = header(record, "content-type");
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents-batch")) {
			throw new InvalidEventException("CloudEvents batch mode is not supported; send one event per record");
		}
		JsonNode root = json(value);
		boolean structured = contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith(STRUCTURED_CONTENT_TYPE);
		if (!structured && !(root.isObject() && root.has("specversion"))) {
			throw new InvalidEventException("not a CloudEvent: expected a 'content-type: " + STRUCTURED_CONTENT_TYPE
					+ "' header, 'ce_*' headers, or a JSON value with 'specversion'");
		}
		return structured(root);
	}

	private CloudEvent structured(JsonNode root) {
		if (!root.isObject()) {
			throw new InvalidEventException("value is not a JSON object");
		}
		String specversion = attribute(root, "specversion");
		String id = attribute(root, "id");
		String source = attribute(root, "source");
		String type = attribute(root, "type");
		String time = optionalAttribute(root, "time");
		checkSpecversion(specversion);
		checkDataContentType(optionalAttribute(root, "datacontenttype"));
		if (root.hasNonNull("data_base64")) {
			throw new InvalidEventException("data_base64 is not supported; send 'data' as a JSON object");
		}
		return new CloudEvent(envelope(source, id, type, time), root.get("data"));
	}

	private CloudEvent binary(ConsumerRecord<String, byte[]> record, byte[] value) {
		String specversion = header(record, "ce_specversion");
		String id = requiredHeader(record, "id");
		String source = requiredHeader(record, "source");
		String type = requiredHeader(record, "type");
		String time = header(record, "ce_time");
		checkSpecversion(specversion);
		checkDataContentType(header(record, "content-type"));
		return new CloudEvent(envelope(source, id, type, time), json(value));
	}

	private static Envelope envelope(String source, String id, String type, String time) {
		checkLength("source", source, 500);
		checkLength("id", id, 200);
		checkLength("type", type, 200);
		return new Envelope(source, id, type,
				time == null ? null : JsonFields.parseTimestamp("CloudEvents attribute 'time'", time));
	}

	private static JsonNode json(byte[] value) {
		try {
			JsonNode node = MAPPER.readTree(value);
			if (node == null || node.isMissingNode()) {
				throw new InvalidEventException("value is not JSON");
			}
			return node;
		}
		catch (IOException ex) {
			throw new InvalidEventException("value is not JSON");
		}
	}

	private static void checkSpecversion(String specversion) {
		if (!"1.0".equals(specversion)) {
			throw new InvalidEventException("CloudEvents specversion must be '1.0', was '" + specversion + "'");
		}
	}

	private static void checkDataContentType(String contentType) {
		if (contentType == null) {
			return;
		}
		String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
			throw new InvalidEventException("data must be JSON, but the content type is '" + contentType + "'");
		}
	}

	private static void checkLength(String attribute, String value, int max) {
		if (value.length() > max) {
			throw new InvalidEventException(
					"CloudEvents attribute '" + attribute + "' is longer than " + max + " characters");
		}
		JsonFields.checkCharacters("CloudEvents attribute '" + attribute + "'", value);
	}

	private static String attribute(JsonNode root, String name) {
		String value = optionalAttribute(root, name);
		if (value == null) {
			throw new InvalidEventException("missing CloudEvents attribute '" + name + "'");
		}
		return value;
	}

	private static String optionalAttribute(JsonNode root, String name) {
		JsonNode value = root.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isTextual()) {
			throw new InvalidEventException("CloudEvents attribute '" + name + "' must be a string");
		}
		if (value.textValue().isBlank()) {
			throw new InvalidEventException("CloudEvents attribute '" + name + "' must not be empty");
		}
		return value.textValue();
	}

	private static String requiredHeader(ConsumerRecord<String, byte[]> record, String attribute) {
		String value = header(record, "ce_" + attribute);
		if (value == null || value.isBlank()) {
			throw new InvalidEventException("missing CloudEvents attribute '" + attribute + "'");
		}
		return value;
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null || header.value() == null ? null
				: new String(header.value(), StandardCharsets.UTF_8);
	}

}
