package nl.phaseout.engine.inventory.event;

import com.fasterxml.jackson.databind.JsonNode;
import nl.phaseout.engine.inventory.event.CloudEventReader.CloudEvent;
import nl.phaseout.engine.inventory.event.InventoryEvent.Envelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads again, by hand, a record the CloudEvents SDK refused. The SDK says what it refuses in its own
 * words, and the dead letter's reason must say in plain words which attribute is missing, of the wrong
 * type or empty. And the SDK refuses some events the contract accepts, such as a {@code source} that is
 * not a URI reference, {@code data} of a {@code +json} type with more than letters before the {@code +}
 * ({@code application/vnd.example+json}), extension attributes that are numbers but not 32-bit whole
 * numbers, and {@code ce_*} headers whose names are not CloudEvents attribute names. Those are read here.
 */
final class PlainWordsReader {

	private PlainWordsReader() {
	}

	static CloudEvent binary(ConsumerRecord<String, byte[]> record, byte[] value) {
		String specversion = EnvelopeChecks.header(record, "ce_specversion");
		String id = requiredHeader(record, "id");
		String source = requiredHeader(record, "source");
		String type = requiredHeader(record, "type");
		String time = EnvelopeChecks.header(record, "ce_time");
		EnvelopeChecks.checkSpecversion(specversion);
		EnvelopeChecks.checkDataContentType(EnvelopeChecks.header(record, "content-type"));
		return new CloudEvent(envelope(source, id, type, time), EnvelopeChecks.json(value));
	}

	/**
	 * Without a structured content type only a JSON value that names its {@code specversion} is taken
	 * for a CloudEvent.
	 */
	static CloudEvent structured(byte[] value, boolean structuredContentType) {
		JsonNode root = EnvelopeChecks.json(value);
		if (!structuredContentType && !(root.isObject() && root.has("specversion"))) {
			throw new InvalidEventException("not a CloudEvent: expected a 'content-type: "
					+ InventoryEvent.STRUCTURED_CONTENT_TYPE
					+ "' header, 'ce_*' headers, or a JSON value with 'specversion'");
		}
		if (!root.isObject()) {
			throw new InvalidEventException("value is not a JSON object");
		}
		String specversion = attribute(root, "specversion");
		String id = attribute(root, "id");
		String source = attribute(root, "source");
		String type = attribute(root, "type");
		String time = optionalAttribute(root, "time");
		EnvelopeChecks.checkSpecversion(specversion);
		EnvelopeChecks.checkDataContentType(optionalAttribute(root, "datacontenttype"));
		if (root.hasNonNull("data_base64")) {
			throw new InvalidEventException(EnvelopeChecks.DATA_BASE64);
		}
		return new CloudEvent(envelope(source, id, type, time), root.get("data"));
	}

	private static Envelope envelope(String source, String id, String type, String time) {
		EnvelopeChecks.checkLimits(source, id, type);
		return new Envelope(source, id, type,
				time == null ? null : JsonFields.parseTimestamp("CloudEvents attribute 'time'", time));
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
		return EnvelopeChecks.notEmpty(name, value.textValue());
	}

	private static String requiredHeader(ConsumerRecord<String, byte[]> record, String attribute) {
		String value = EnvelopeChecks.notEmpty(attribute, EnvelopeChecks.header(record, "ce_" + attribute));
		if (value == null) {
			throw new InvalidEventException("missing CloudEvents attribute '" + attribute + "'");
		}
		return value;
	}

}
