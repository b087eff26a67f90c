package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.TestRecords.DEFENDER_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.KASPERSKY_PASSIVE;
import static nl.phaseout.engine.inventory.TestRecords.products;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import nl.phaseout.engine.EndToEndTest;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The listener on the real embedded broker: good records are projected, a bad one is dead-lettered. */
class InventoryKafkaTest extends EndToEndTest {

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	CountsRepository counts;

	@Autowired
	MeterRegistry registry;

	@Test
	void badRecordGoesToTheDeadLetterTopicWithItsReasonAndTheRecordsBehindItAreApplied() throws Exception {
		String org = "KAFKA-" + UUID.randomUUID();
		String badValue = "{\"this is\": not json";
		try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
			producer.send(record(TestRecords.observed(org, "ep-1", UUID.randomUUID().toString(),
					"2024-05-01T10:00:00Z", products(KASPERSKY_PASSIVE, DEFENDER_ACTIVE))));
			var bad = new ProducerRecord<>(Topics.INVENTORY, org, badValue.getBytes(StandardCharsets.UTF_8));
			bad.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
			producer.send(bad);
			producer.send(record(TestRecords.observed(org, "ep-2", UUID.randomUUID().toString(),
					"2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE))));
			producer.flush();
		}

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(counts.find(ActiveCampaigns.DEFAULT_CAMPAIGN, org))
				.map(row -> new CountsRow(row.counts(), row.inventoryTime()))
				.hasValue(new CountsRow(new EndpointCounts(2, 1, 1, 0, 0), Instant.parse("2024-05-01T10:00:00Z"))));

		ConsumerRecord<String, byte[]> deadLetter = deadLetterFor(org);
		assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo(badValue);
		assertThat(new String(deadLetter.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
			.isEqualTo("application/cloudevents+json");
		assertThat(new String(deadLetter.headers().lastHeader(InventoryTopics.ERROR_HEADER).value(),
				StandardCharsets.UTF_8)).isEqualTo("value is not JSON");
		assertThat(registry.counter("phaseout.inventory.events", "outcome", "dead_lettered").count())
			.isGreaterThanOrEqualTo(1);
		assertThat(registry.find("kafka.consumer.fetch.manager.records.lag.max").meters())
			.as("consumer lag, from the Kafka client metrics Spring Boot binds")
			.isNotEmpty();
	}

	private ConsumerRecord<String, byte[]> deadLetterFor(String org) {
		try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.INVENTORY_DLT));
			List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach(r -> {
					if (org.equals(r.key())) {
						found.add(r);
					}
				});
				return !found.isEmpty();
			});
			return found.get(0);
		}
	}

	private static ProducerRecord<String, byte[]> record(ConsumerRecord<String, byte[]> template) {
		var record = new ProducerRecord<>(Topics.INVENTORY, template.key(), template.value());
		template.headers().forEach(record.headers()::add);
		return record;
	}

}
