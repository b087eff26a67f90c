package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

	@TempDir
	Path dataDir;

	@Test
	void recordsSurviveARestartOnTheSameDataDirectory() throws Exception {
		int port = EmbeddedKafkaBroker.freePort();
		EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir.resolve("kafka"), "localhost", port, 3);
		broker.start();
		try {
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
				admin.createTopics(Set.of(new NewTopic(Topics.INVENTORY, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
					broker.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>(Topics.INVENTORY, "MIN-JENV", "kept")).get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			broker.stop();
		}

		EmbeddedKafkaBroker restarted = new EmbeddedKafkaBroker(dataDir.resolve("kafka"), "localhost", port, 3);
		restarted.start();
		try {
			assertThat(readAll(restarted.bootstrapServers())).containsExactly("MIN-JENV=kept");
		}
		finally {
			restarted.stop();
		}
	}

	private static List<String> readAll(String bootstrapServers) {
		List<String> values = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers),
				new StringDeserializer(), new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(Topics.INVENTORY, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (values.isEmpty() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.key() + "=" + record.value());
				}
			}
		}
		return values;
	}

}
