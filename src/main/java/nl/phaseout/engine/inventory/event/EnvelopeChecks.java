package nl.phaseout.engine.inventory.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The engine's own rules for a CloudEvent's envelope, in plain words, whether the CloudEvents SDK read
 * the attributes ({@link CloudEventReader}) or they were read by hand ({@link PlainWordsReader}): the SDK
 * takes any spec version it knows, any text as {@code id} and {@code type}, and data of any content type.
 */
final class EnvelopeChecks {

	static final String BATCH_MODE = "CloudEvents batch mode is not supported; send one event per record";

	static final String DATA_BASE64 = "data_base64 is not supported; send 'data' as a JSON object";

	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private EnvelopeChecks() {
	}

	/** A present attribute must say something; {@code null} (absent) passes. */
	static String notEmpty(String attribute, String value) {
		if (value != null && value.isBlank()) {
			throw new InvalidEventException("CloudEvents attribute '" + attribute + "' must not be empty");
		}
		return value;
	}

	static void checkSpecversion(String specversion) {
		if (!"1.0".equals(specversion)) {
			throw new InvalidEventException("CloudEvents specversion must be '1.0', was '" + specversion + "'");
		}
	}

	/** {@code application/json} or any {@code +json} type, parameters and case aside; absent means JSON. */
	static void checkDataContentType(String contentType) {
		if (contentType == null) {
			return;
		}
		String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
			throw new InvalidEventException("data must be JSON, but the content type is '" + contentType + "'");
		}
	}

	/** The identifying attributes fit the engine's columns and hold no control characters. */
	static void checkLimits(String source, String id, String type) {
		checkLength("source", source, 500);
		checkLength("id", id, 200);
		checkLength("type", type, 200);
	}

	private static void checkLength(String attribute, String value, int max) {
		if (value.length() > max) {
			throw new InvalidEventException(
					"CloudEvents attribute '" + attribute + "' is longer than " + max + " characters");
		}
		JsonFields.checkCharacters("CloudEvents attribute '" + attribute + "'", value);
	}

	/** The value as JSON, nothing after it. */
	static JsonNode json(byte[] value) {
		try {
			JsonNode node = JSON.readTree(value);
			if (node == null || node.isMissingNode()) {
				throw new InvalidEventException("value is not JSON");
			}
			return node;
		}
		catch (IOException ex) {
			throw new InvalidEventException("value is not JSON");
		}
	}

	static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null || header.value() == null ? null
				: new String(header.value(), StandardCharsets.UTF_8);
	}

}
