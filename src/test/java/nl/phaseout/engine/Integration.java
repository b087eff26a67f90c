package nl.phaseout.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nl.phaseout.engine.system.Topics;

/**
 * An inventory or procurement system as the engine sees it: a plain Kafka producer that
 * publishes CloudEvents in structured mode, keyed by organisation.
 */
public final class Integration implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final KafkaProducer<String, byte[]> producer;

	private final String source;

	public Integration(String bootstrapServers, String source) {
		// Large enough for the 1 MB record of the dead-letter corpus.
		this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
				"max.request.size", 2 * 1024 * 1024),
				new StringSerializer(), new ByteArraySerializer());
		this.source = source;
	}

	public static Map<String, Object> product(String vendor, String name, String category, String state) {
		return Map.of("vendor", vendor, "name", name, "category", category, "state", state);
	}

	public static Map<String, Object> kasperskyAv(String state) {
		return product("Kaspersky", "Kaspersky Endpoint Security", "antivirus", state);
	}

	public static Map<String, Object> defender(String state) {
		return product("Microsoft", "Microsoft Defender Antivirus", "antivirus", state);
	}

	public void observed(String organisationId, String endpointId, Instant observedAt, List<Map<String, Object>> products) {
		publish("phaseout.endpoint.observed", organisationId, Map.of("organisationId", organisationId, "endpointId",
				endpointId, "observedAt", observedAt.toString(), "products", products));
	}

	public void retired(String organisationId, String endpointId, Instant retiredAt) {
		publish("phaseout.endpoint.retired", organisationId,
				Map.of("organisationId", organisationId, "endpointId", endpointId, "retiredAt", retiredAt.toString()));
	}

	public void scanCompleted(String organisationId, String scanId, Instant completedAt, int endpointCount) {
		publish("phaseout.inventory.scan-completed", organisationId, Map.of("organisationId", organisationId, "scanId",
				scanId, "completedAt", completedAt.toString(), "endpointCount", endpointCount));
	}

	public void alternativeSelected(String organisationId, String vendor, String product, Instant selectedAt) {
		publish("phaseout.alternative.selected", organisationId, Map.of("organisationId", organisationId, "vendor",
				vendor, "product", product, "selectedAt", selectedAt.toString()));
	}

	public void contractTerminated(String organisationId, String vendor, String contractId, Instant terminatedAt) {
		publish("phaseout.contract.terminated", organisationId, Map.of("organisationId", organisationId, "vendor",
				vendor, "contractId", contractId, "terminatedAt", terminatedAt.toString()));
	}

	public void publish(String type, String organisationId, Map<String, Object> data) {
		Map<String, Object> event = Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(), "source", source,
				"type", type, "time", Instant.now().toString(), "datacontenttype", "application/json", "data", data);
		try {
			send(organisationId, JSON.writeValueAsBytes(event));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public void send(String key, byte[] value) {
		send(key, value, Map.of("content-type", "application/cloudevents+json"));
	}

	/** Sends exactly this record, headers and all, as a misbehaving system might. */
	public void send(String key, byte[] value, Map<String, String> headers) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INVENTORY, key, value);
		headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
		try {
			producer.send(record).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish to " + Topics.INVENTORY, ex);
		}
	}

	@Override
	public void close() {
		producer.close();
	}

}
