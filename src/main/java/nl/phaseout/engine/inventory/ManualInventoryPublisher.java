package nl.phaseout.engine.inventory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.phaseout.engine.inventory.event.InventoryEvent.Product;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a validated manual upload on {@code phaseout.inventory.manual}, the topic only the
 * engine writes, as the CloudEvents any feed sends (structured mode, key = organisation id): an observation per endpoint, a retirement per
 * endpoint the upload no longer lists, then the {@code scan-completed} with its {@code startedAt}. All in one Kafka
 * transaction: the inventory consumer reads {@code read_committed}, so it sees the whole upload
 * or, should the engine stop midway, none of it. The producer is the engine's own, not the shared
 * template, which stays non-transactional for the status events and dead letters.
 */
@Component
class ManualInventoryPublisher implements DisposableBean {

	private static final byte[] STRUCTURED = InventoryEvent.STRUCTURED_CONTENT_TYPE
		.getBytes(StandardCharsets.UTF_8);

	private final DefaultKafkaProducerFactory<String, byte[]> producers;

	private final KafkaTemplate<String, byte[]> kafka;

	ManualInventoryPublisher(KafkaProperties properties, ObjectProvider<SslBundles> sslBundles) {
		Map<String, Object> config = new HashMap<>(properties.buildProducerProperties(sslBundles.getIfAvailable()));
		// An upload is one burst to one partition: large batches, gathered for a moment, mean
		// a few hundred requests for 50,000 events rather than thousands.
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
		// Unique per JVM: nodes must not fence each other's uploads. A transaction left open by a
		// crash is aborted by the broker after the producer's transaction.timeout.ms (default 60 s).
		this.producers.setTransactionIdPrefix("phaseout-manual-inventory-" + UUID.randomUUID() + "-");
		this.kafka = new KafkaTemplate<>(producers);
	}

	/** The events of one upload, and the moments it stands for. */
	record Scan(String organisationId, String source, String scanId, Instant startedAt, Instant observedAt,
			Instant completedAt) {
	}

	void publish(Scan scan, ManualUpload upload, Collection<String> retired) {
		List<String> productJson = upload.products()
			.stream()
			.map((Product product) -> ProductsJson.product(new StringBuilder(), product).toString())
			.toList();
		String observedAt = scan.observedAt().toString();
		kafka.executeInTransaction(operations -> {
			int[] sequence = { 0 };
			upload.forEachEndpoint((endpointId, products) -> {
				StringBuilder data = data(scan, endpointId).append(",\"observedAt\":\"").append(observedAt)
					.append("\",\"products\":[");
				for (int i = 0; i < products.length; i++) {
					data.append(i == 0 ? "" : ",").append(productJson.get(products[i]));
				}
				data.append("]}");
				operations.send(record(scan, scan.scanId() + "-" + ++sequence[0], InventoryEvent.ENDPOINT_OBSERVED,
						scan.observedAt(), data));
			});
			for (String endpointId : retired) {
				StringBuilder data = data(scan, endpointId).append(",\"retiredAt\":\"").append(observedAt).append("\"}");
				operations.send(record(scan, scan.scanId() + "-" + ++sequence[0], InventoryEvent.ENDPOINT_RETIRED,
						scan.observedAt(), data));
			}
			StringBuilder data = new StringBuilder("{\"organisationId\":");
			ProductsJson.string(data, scan.organisationId());
			data.append(",\"scanId\":");
			ProductsJson.string(data, scan.scanId());
			data.append(",\"startedAt\":\"").append(scan.startedAt()).append('"');
			data.append(",\"completedAt\":\"").append(scan.completedAt()).append("\",\"endpointCount\":")
				.append(upload.endpointCount()).append('}');
			operations.send(record(scan, scan.scanId(), InventoryEvent.SCAN_COMPLETED, scan.completedAt(), data));
			return null;
		});
	}

	/** One retirement by a person, with their reason, in a transaction of its own. */
	void publishRetirement(ManualRetirement.Retirement retirement) {
		StringBuilder data = new StringBuilder(256 + retirement.reason().length()).append("{\"organisationId\":");
		ProductsJson.string(data, retirement.organisationId());
		data.append(",\"endpointId\":");
		ProductsJson.string(data, retirement.endpointId());
		data.append(",\"retiredAt\":\"").append(retirement.retiredAt()).append("\",\"reason\":");
		ProductsJson.string(data, retirement.reason());
		data.append('}');
		Scan as = new Scan(retirement.organisationId(), retirement.source(), retirement.eventId(), retirement.retiredAt(),
				retirement.retiredAt(), retirement.retiredAt());
		kafka.executeInTransaction(operations -> operations
			.send(record(as, retirement.eventId(), InventoryEvent.ENDPOINT_RETIRED, retirement.retiredAt(), data)));
	}

	private static StringBuilder data(Scan scan, String endpointId) {
		StringBuilder data = new StringBuilder(256).append("{\"organisationId\":");
		ProductsJson.string(data, scan.organisationId());
		data.append(",\"endpointId\":");
		ProductsJson.string(data, endpointId);
		return data;
	}

	private static ProducerRecord<String, byte[]> record(Scan scan, String id, String type, Instant time,
			CharSequence data) {
		StringBuilder event = new StringBuilder(data.length() + 300).append("{\"specversion\":\"1.0\",\"id\":");
		ProductsJson.string(event, id);
		event.append(",\"source\":");
		ProductsJson.string(event, scan.source());
		event.append(",\"type\":\"").append(type).append("\",\"time\":\"").append(time)
			.append("\",\"datacontenttype\":\"application/json\",\"data\":").append(data).append('}');
		var record = new ProducerRecord<>(Topics.INVENTORY_MANUAL, scan.organisationId(),
				event.toString().getBytes(StandardCharsets.UTF_8));
		record.headers().add("content-type", STRUCTURED);
		return record;
	}

	@Override
	public void destroy() {
		producers.destroy();
	}

}
