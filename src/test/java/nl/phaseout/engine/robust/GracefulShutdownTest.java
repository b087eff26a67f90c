package nl.phaseout.engine.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.tags.EndToEnd;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import nl.phaseout.engine.system.EmbeddedKafkaBroker;
import nl.phaseout.engine.system.Topics;

/**
 * A node stopped with SIGTERM in the middle of a stream finishes the batch it is applying and
 * commits its offsets before it exits: afterwards the consumer group's committed offsets count
 * exactly the events the database holds, so a restarted node reads nothing twice and skips
 * nothing. Each event of the stream observes an endpoint of its own, so the endpoint rows count the
 * events applied.
 */
@EndToEnd
class GracefulShutdownTest {

	private static final int ORGANISATIONS = 50;

	private static final int ENDPOINTS = 1_000;

	private static final int EVENTS = ORGANISATIONS * ENDPOINTS;

	private static final ObjectMapper JSON = new ObjectMapper();

	static {
		Quiet.kafkaClients();
	}

	/** Kept when the test fails: the child's log is in it. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path dataDir;

	private ApplicationProcess application;

	private EmbeddedKafkaBroker broker;

	@AfterEach
	void stopAll() {
		if (application != null) {
			application.close();
		}
		if (broker != null) {
			broker.stop();
		}
	}

	@Test
	void stoppedMidStreamTheNodeCommitsExactlyWhatItApplied() throws Exception {
		application = new ApplicationProcess(dataDir);
		application.start();
		CrashRecoveryTest.publish(application.bootstrapServers(), records());
		await("a tenth of the stream projected").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> application.metric("phaseout.inventory.events") >= EVENTS / 10);

		long stopping = System.nanoTime();
		application.stop();
		Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);

		assertThat(application.alive()).isFalse();
		assertThat(stopped).as("stopping waited for the batch and the round, not for a timeout")
			.isLessThan(Duration.ofSeconds(30));
		String log = Files.readString(application.log());
		assertThat(log).as("the consumers, the signal workers and the web server stopped in order")
			.contains("Consumer stopped", "Process signal workers stopped, their rounds finished",
					"Graceful shutdown complete");
		assertThat(log).as("nothing failed while stopping")
			.doesNotContain("InterruptedException", "ClosedByInterruptException", "Commit cannot be completed");

		long applied = endpointRows();
		// the node's own broker is gone with it: the same broker storage, served from here, answers for the group
		broker = new EmbeddedKafkaBroker(dataDir.resolve("kafka"), "localhost", EmbeddedKafkaBroker.freePort(), 3);
		broker.start();
		long committed = committedOffsets(broker.bootstrapServers());

		assertThat(applied).as("stopped mid-stream").isPositive().isLessThan(EVENTS);
		assertThat(committed).as("offsets committed = events applied").isEqualTo(applied);
	}

	private long endpointRows() throws Exception {
		try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("h2/phaseout"), "sa", "");
				ResultSet rs = db.createStatement()
					.executeQuery("SELECT COUNT(*) FROM inv_endpoint WHERE campaign_id = 'kaspersky-av-2018'"
							+ " AND organisation_id LIKE 'ORG-%'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static long committedOffsets(String bootstrapServers) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("phaseout-engine")
				.partitionsToOffsetAndMetadata()
				.get(60, TimeUnit.SECONDS);
			return committed.entrySet()
				.stream()
				.filter(entry -> entry.getKey().topic().equals(Topics.INVENTORY) && entry.getValue() != null)
				.mapToLong(entry -> entry.getValue().offset())
				.sum();
		}
	}

	private static List<ProducerRecord<String, byte[]>> records() throws Exception {
		Instant observedAt = Instant.parse("2024-05-01T00:00:00Z");
		List<Map<String, Object>> products = List.of(Map.of("vendor", "Kaspersky", "name",
				"Kaspersky Endpoint Security", "category", "antivirus", "state", "active"));
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>(EVENTS);
		for (int e = 0; e < ENDPOINTS; e++) {
			for (int o = 0; o < ORGANISATIONS; o++) {
				String organisationId = "ORG-%03d".formatted(o);
				Map<String, Object> event = Map.of("specversion", "1.0", "id", organisationId + "/ep-" + e, "source",
						"/test/graceful-shutdown", "type", "phaseout.endpoint.observed", "datacontenttype",
						"application/json", "data", Map.of("organisationId", organisationId, "endpointId", "ep-" + e,
								"observedAt", observedAt.toString(), "products", products));
				var record = new ProducerRecord<>(Topics.INVENTORY, organisationId, JSON.writeValueAsBytes(event));
				record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
				records.add(record);
			}
		}
		return records;
	}

}
