package nl.phaseout.engine.inventory.event;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudevents.CloudEventData;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.jackson.JsonFormatOptions;
import io.cloudevents.kafka.KafkaMessageFactory;
import nl.phaseout.engine.inventory.event.InventoryEvent.Envelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the CloudEvents 1.0 envelope of a Kafka record with the CloudEvents SDK. As the Kafka protocol
 * binding says, a record whose content type is a CloudEvents format is in structured mode (the whole
 * event as JSON in the value), and otherwise one with a {@code ce_specversion} header is in binary mode
 * ({@code ce_*} headers, the data as the value); a record with neither is read in structured mode too
 * when its value names its {@code specversion}. In structured mode the SDK's JSON tree of {@code data}
 * is used as is. A record the SDK refuses is read again by {@link PlainWordsReader}, which says why in
 * plain words, or reads what the contract accepts and the SDK does not.
 */
final class CloudEventReader {

	/**
	 * Nothing may follow the event; extension names the SDK would refuse are ignored, as any other field
	 * the engine does not use.
	 */
	private static final ObjectMapper STRUCTURED = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.addModule(JsonFormat.getCloudEventJacksonModule(
				JsonFormatOptions.builder().forceIgnoreInvalidExtensionNameDeserialization(true).build()))
		.build();

	/** The envelope and the still untyped {@code data} object. */
	record CloudEvent(Envelope envelope, JsonNode data) {
	}

	CloudEvent read(ConsumerRecord<String, byte[]> record) {
		byte[] value = record.value();
		if (value == null || value.length == 0) {
			throw new InvalidEventException("record has no value");
		}
		String contentType = EnvelopeChecks.header(record, "content-type");
		String mediaType = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		if (mediaType.startsWith("application/cloudevents-batch")) {
			throw new InvalidEventException(EnvelopeChecks.BATCH_MODE);
		}
		boolean binary = EnvelopeChecks.header(record, "ce_specversion") != null
				&& !mediaType.startsWith("application/cloudevents");
		io.cloudevents.CloudEvent event;
		try {
			event = binary ? KafkaMessageFactory.createReader(record).toEvent()
					: STRUCTURED.readValue(value, io.cloudevents.CloudEvent.class);
		}
		catch (IOException | RuntimeException refused) {
			// Jackson's exceptions, CloudEventRWException, IllegalStateException for a missing attribute:
			// whichever the SDK threw, the reading by hand decides, in plain words
			return binary ? PlainWordsReader.binary(record, value)
					: PlainWordsReader.structured(value, mediaType.startsWith(InventoryEvent.STRUCTURED_CONTENT_TYPE));
		}
		return binary ? binary(event, value) : structured(event);
	}

	private static CloudEvent binary(io.cloudevents.CloudEvent event, byte[] value) {
		checkRequired(event);
		EnvelopeChecks.checkDataContentType(event.getDataContentType());
		return new CloudEvent(envelope(event), EnvelopeChecks.json(value));
	}

	/** {@code data} is JSON when the SDK read it as a tree; bytes come from {@code data_base64}. */
	private static CloudEvent structured(io.cloudevents.CloudEvent event) {
		checkRequired(event);
		EnvelopeChecks.checkDataContentType(EnvelopeChecks.notEmpty("datacontenttype", event.getDataContentType()));
		CloudEventData data = event.getData();
		if (data != null && !(data instanceof JsonCloudEventData)) {
			throw new InvalidEventException(EnvelopeChecks.DATA_BASE64);
		}
		return new CloudEvent(envelope(event), data == null ? null : ((JsonCloudEventData) data).getNode());
	}

	/** The SDK has made sure they are present; the engine wants them to say something, and version 1.0. */
	private static void checkRequired(io.cloudevents.CloudEvent event) {
		EnvelopeChecks.notEmpty("id", event.getId());
		EnvelopeChecks.notEmpty("source", event.getSource().toString());
		EnvelopeChecks.notEmpty("type", event.getType());
		EnvelopeChecks.checkSpecversion(event.getSpecVersion().toString());
	}

	/** Kept to the microsecond, as {@link JsonFields#parseTimestamp} keeps every time of an event. */
	private static Envelope envelope(io.cloudevents.CloudEvent event) {
		String source = event.getSource().toString();
		EnvelopeChecks.checkLimits(source, event.getId(), event.getType());
		return new Envelope(source, event.getId(), event.getType(),
				event.getTime() == null ? null : event.getTime().toInstant().truncatedTo(ChronoUnit.MICROS));
	}

}
