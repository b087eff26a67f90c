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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.tags.EndToEnd;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import nl.phaseout.engine.system.Topics;

/**
 * The application killed with SIGKILL in the middle of a 100,000-event stream and started
 * again on the same data directory ends with exactly the counts the events call for: nothing
 * lost, nothing counted twice. The child JVM owns the broker and the H2 file, as in production.
 */
@EndToEnd
class CrashRecoveryTest {

	/**
	 * 5 runs the full 100,000 events (64 s on two idle cores); {@code -Dphaseout.crash.scale=1}
	 * runs 20,000 for a quicker look.
	 */
	private static final int SCALE = Integer.getInteger("phaseout.crash.scale", 5);

	private static final int ORGANISATIONS = 100;

	private static final int ENDPOINTS = 180 * SCALE;

	private static final int LATER = 1_200 * SCALE;

	private static final int OLDER = 600 * SCALE;

	private static final int REPEATS = 200 * SCALE;

	private static final int EVENTS = ORGANISATIONS * ENDPOINTS + LATER + OLDER + REPEATS;

	private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

	private static final ObjectMapper JSON = new ObjectMapper();

	static {
		Quiet.kafkaClients();
	}

	/** Kept when the test fails: the children's logs are in it. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path dataDir;

	private ApplicationProcess application;

	@AfterEach
	void killApplication() {
		if (application != null) {
			application.close();
		}
	}

	@Test
	void killedMidStreamTheApplicationEndsWithTheCountsOfAnUninterruptedRun() throws Exception {
		Stream stream = Stream.generate(new Random(20180514));
		assertThat(stream.records()).hasSize(EVENTS);

		long started = System.nanoTime();
		application = new ApplicationProcess(dataDir);
		application.start();
		Timing.log(started, "application started");
		publish(application.bootstrapServers(), stream.records());
		Timing.log(started, "%d events published", EVENTS);

		// Kill once part of the stream is projected: well past the first batches, well before the end.
		await("a fifth of the stream projected").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> application.metric("phaseout.inventory.events") >= EVENTS / 5);
		double beforeKill = application.metric("phaseout.inventory.events");
		application.kill();
		Timing.log(started, "killed with %.0f records handled", beforeKill);
		assertThat(beforeKill).as("records handled when killed").isLessThan(EVENTS);

		application.start();
		Timing.log(started, "application restarted");
		await("consumer group caught up").atMost(Duration.ofSeconds(90 * SCALE))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> ConsumerLag.of(application.bootstrapServers(), "phaseout-engine", Topics.INVENTORY) == 0);
		double afterRestart = application.metric("phaseout.inventory.events");
		Timing.log(started, "caught up, %.0f records handled after the restart", afterRestart);
		assertThat(afterRestart).as("records the restarted application handled: the kill interrupted the stream")
			.isGreaterThan(0);
		application.stop();

		try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("h2/phaseout"), "sa", "")) {
			assertThat(counts(db)).isEqualTo(stream.expectedCounts());
			assertThat(countsFromEndpointRows(db)).as("the counts rows agree with the endpoint rows")
				.isEqualTo(stream.expectedCounts());
			assertThat(lastEvents(db)).as("each endpoint row is as its latest observation left it")
				.isEqualTo(stream.expectedLastEvents());
		}
	}

	/** Publishes every record, batched, and fails when any was refused. */
	static void publish(String bootstrapServers, List<ProducerRecord<String, byte[]>> records) {
		AtomicReference<Exception> failure = new AtomicReference<>();
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers, ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
				ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
			for (ProducerRecord<String, byte[]> record : records) {
				producer.send(record, (metadata, ex) -> {
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
				});
			}
			producer.flush();
		}
		assertThat(failure.get()).as("publishing failed").isNull();
	}

	private static Map<String, List<Long>> counts(Connection db) throws Exception {
		Map<String, List<Long>> counts = new TreeMap<>();
		try (ResultSet rs = db.createStatement()
			.executeQuery("SELECT organisation_id, total, banned, protected_count, unprotected, retired"
					// The dev profile's demo organisations have rows of their own, with nothing counted.
					+ " FROM inv_endpoint_counts WHERE campaign_id = 'kaspersky-av-2018' AND organisation_id LIKE 'ORG-%'")) {
			while (rs.next()) {
				counts.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6)));
			}
		}
		return counts;
	}

	private static Map<String, List<Long>> countsFromEndpointRows(Connection db) throws Exception {
		Map<String, List<Long>> counts = new TreeMap<>();
		try (ResultSet rs = db.createStatement()
			.executeQuery("SELECT organisation_id, COUNT(*), SUM(CASE WHEN state = 'BANNED' THEN 1 ELSE 0 END),"
					+ " SUM(CASE WHEN state = 'PROTECTED' THEN 1 ELSE 0 END),"
					+ " SUM(CASE WHEN state = 'UNPROTECTED' THEN 1 ELSE 0 END), SUM(CASE WHEN retired THEN 1 ELSE 0 END)"
					+ " FROM inv_endpoint WHERE campaign_id = 'kaspersky-av-2018' GROUP BY organisation_id")) {
			while (rs.next()) {
				counts.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6)));
			}
		}
		return counts;
	}

	private static Map<String, String> lastEvents(Connection db) throws Exception {
		Map<String, String> lastEvents = new TreeMap<>();
		try (ResultSet rs = db.createStatement()
			.executeQuery("SELECT organisation_id, endpoint_id, last_event_id FROM inv_endpoint"
					+ " WHERE campaign_id = 'kaspersky-av-2018'")) {
			while (rs.next()) {
				lastEvents.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3));
			}
		}
		return lastEvents;
	}

	/**
	 * The generated stream and what it must come to. Each endpoint's first observation, then later
	 * re-observations that change its products, older ones that arrive late and change nothing, and
	 * repeats of an event already sent; shuffled, so late and early arrive in any order.
	 * {@code expectedLastEvents}: per endpoint ("organisation/endpoint"), the id of its latest
	 * observation, the event its row must be as.
	 */
	record Stream(List<ProducerRecord<String, byte[]>> records, Map<String, List<Long>> expectedCounts,
			Map<String, String> expectedLastEvents) {

		private static final List<List<Map<String, Object>>> MIXES = List.of(
				List.of(product("Kaspersky", "Kaspersky Endpoint Security", "antivirus", "active")),
				List.of(product("Kaspersky", "Kaspersky Endpoint Security", "antivirus", "passive"),
						product("Microsoft", "Microsoft Defender Antivirus", "antivirus", "active")),
				List.of(product("Microsoft", "Microsoft Defender Antivirus", "antivirus", "active")),
				List.of(product("Microsoft", "Microsoft Defender Antivirus", "antivirus", "disabled"),
						product("Kaspersky", "Kaspersky Secure Connection", "vpn", "active")),
				List.of(product("Sophos", "Sophos Intercept X", "antivirus", "active"),
						product("Kaspersky", "Kaspersky Password Manager", "password-manager", "active")),
				List.of());

		/** What each mix is, in the order of {@link #MIXES}. */
		private static final List<String> STATES = List.of("BANNED", "BANNED", "PROTECTED", "UNPROTECTED",
				"PROTECTED", "UNPROTECTED");

		static Stream generate(Random random) {
			List<Event> events = new ArrayList<>();
			// endpoint -> [latest observedAt, mix]
			Map<String, long[]> latest = new HashMap<>();
			for (int o = 0; o < ORGANISATIONS; o++) {
				for (int e = 0; e < ENDPOINTS; e++) {
					int mix = random.nextInt(MIXES.size());
					events.add(new Event(org(o), "ep-" + e, T0, mix));
					latest.put(org(o) + "/ep-" + e, new long[] { T0.getEpochSecond(), mix });
				}
			}
			for (int i = 1; i <= LATER + OLDER; i++) {
				int o = random.nextInt(ORGANISATIONS);
				int e = random.nextInt(ENDPOINTS);
				int mix = random.nextInt(MIXES.size());
				// Distinct times, so no two observations of an endpoint tie.
				Instant observedAt = i <= LATER ? T0.plusSeconds(i) : T0.minusSeconds(i);
				events.add(new Event(org(o), "ep-" + e, observedAt, mix));
				long[] known = latest.get(org(o) + "/ep-" + e);
				if (observedAt.getEpochSecond() > known[0]) {
					known[0] = observedAt.getEpochSecond();
					known[1] = mix;
				}
			}
			List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
			for (Event event : events) {
				records.add(event.record());
			}
			for (int i = 0; i < REPEATS; i++) {
				ProducerRecord<String, byte[]> original = records.get(random.nextInt(records.size()));
				records.add(copy(original));
			}
			Collections.shuffle(records, random);

			Map<String, List<Long>> expected = new TreeMap<>();
			for (int o = 0; o < ORGANISATIONS; o++) {
				long banned = 0;
				long protectedCount = 0;
				long unprotected = 0;
				for (int e = 0; e < ENDPOINTS; e++) {
					switch (STATES.get((int) latest.get(org(o) + "/ep-" + e)[1])) {
						case "BANNED" -> banned++;
						case "PROTECTED" -> protectedCount++;
						default -> unprotected++;
					}
				}
				expected.put(org(o), List.of((long) ENDPOINTS, banned, protectedCount, unprotected, 0L));
			}
			Map<String, String> lastEvents = new TreeMap<>();
			latest.forEach((endpoint, known) -> lastEvents.put(endpoint, endpoint + "/" + known[0] + "/" + known[1]));
			return new Stream(records, expected, lastEvents);
		}

		private static String org(int o) {
			return "ORG-%03d".formatted(o);
		}

		private static Map<String, Object> product(String vendor, String name, String category, String state) {
			return Map.of("vendor", vendor, "name", name, "category", category, "state", state);
		}

		private static ProducerRecord<String, byte[]> copy(ProducerRecord<String, byte[]> original) {
			var copy = new ProducerRecord<>(original.topic(), original.key(), original.value());
			original.headers().forEach(copy.headers()::add);
			return copy;
		}

		private record Event(String organisationId, String endpointId, Instant observedAt, int mix) {

			ProducerRecord<String, byte[]> record() {
				Map<String, Object> data = Map.of("organisationId", organisationId, "endpointId", endpointId,
						"observedAt", observedAt.toString(), "products", MIXES.get(mix));
				Map<String, Object> event = Map.of("specversion", "1.0", "id",
						organisationId + "/" + endpointId + "/" + observedAt.getEpochSecond() + "/" + mix, "source",
						"/test/crash-recovery", "type", "phaseout.endpoint.observed", "datacontenttype",
						"application/json", "data", data);
				try {
					var record = new ProducerRecord<>(Topics.INVENTORY, organisationId, JSON.writeValueAsBytes(event));
					record.headers()
						.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
					return record;
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}

		}

	}

}
