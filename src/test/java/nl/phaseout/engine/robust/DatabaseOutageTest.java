package nl.phaseout.engine.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.Integration;
import nl.phaseout.engine.PhaseoutEngineApplication;
import nl.phaseout.engine.system.Topics;
import nl.phaseout.engine.tags.EndToEnd;
import nl.phaseout.engine.tags.NeedsPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * PostgreSQL goes away while inventory events arrive: nothing is dead-lettered, nothing is
 * committed past what the database has, and once it is back every event is applied exactly once.
 * The application reaches PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres})
 * only through a proxy that the test cuts; the test reads the database directly.
 */
@EndToEnd
@NeedsPostgres
class DatabaseOutageTest {

	static {
		Quiet.kafkaClients();
	}

	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String GROUP = "phaseout-engine";

	private static final int ENDPOINTS = 40;

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dataDir;

	private final String schema = "outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(POSTGRES, "postgres", ""));

	private TcpProxy proxy;

	private ConfigurableApplicationContext application;

	private JdbcTemplate database;

	private String bootstrapServers;

	@BeforeEach
	void startApplicationThroughTheProxy() {
		admin.execute("CREATE SCHEMA " + schema);
		database = new JdbcTemplate(new DriverManagerDataSource(POSTGRES + "?currentSchema=" + schema, "postgres", ""));
		proxy = new TcpProxy(5432);
		SpringApplication app = new SpringApplication(PhaseoutEngineApplication.class);
		application = app.run("--phaseout.data-dir=" + dataDir, "--phaseout.kafka.embedded.port=0", "--server.port=0",
				"--phaseout.demo-stale-after=P14D",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?currentSchema=" + schema,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--spring.datasource.hikari.connection-timeout=2000",
				"--camunda.bpm.database.schema-name=" + schema, "--camunda.bpm.database.table-prefix=" + schema + ".",
				// Camunda keeps engines in a static registry by name: closing a second "default" in this JVM
				// would unregister the end-to-end tests' engine, and their Camunda REST and webapps with it.
				"--camunda.bpm.process-engine-name=outage",
				// The webapps keep static runtime delegates too, which this application's start would take
				// over from the end-to-end tests' and leave stale (their webapp login then answered 500).
				"--camunda.bpm.webapp.enabled=false");
		bootstrapServers = application.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
	}

	@AfterEach
	void stop() {
		if (application != null) {
			application.close();
		}
		if (proxy != null) {
			proxy.close();
		}
		admin.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
	}

	@Test
	void eventsThatArriveWhileTheDatabaseIsDownAreAppliedOnceWhenItIsBack() throws Exception {
		String org = "MIN-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		register(org);
		Instant t0 = Instant.now().minusSeconds(3600);
		try (Integration intune = new Integration(bootstrapServers, "/test/outage");
				Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			// One event before the outage, so the group has committed offsets to hold still.
			intune.observed(org, "pc-0", t0, List.of(Integration.defender("active")));
			await().atMost(Duration.ofSeconds(30)).until(() -> counts(org).equals(List.of(1L, 0L, 1L, 0L)));
			await().atMost(Duration.ofSeconds(30)).until(() -> ConsumerLag.of(kafka, GROUP, Topics.INVENTORY) == 0);

			proxy.cut();
			for (int e = 1; e <= ENDPOINTS; e++) {
				intune.observed(org, "pc-" + e, t0, List.of(e % 2 == 0 ? Integration.kasperskyAv("active")
						: Integration.defender("active")));
			}
			intune.scanCompleted(org, "scan-1", t0.plusSeconds(60), ENDPOINTS + 1);

			// The listener keeps failing on the database and retrying; it commits nothing meanwhile.
			await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).until(
					() -> ConsumerLag.of(kafka, GROUP, Topics.INVENTORY) == ENDPOINTS + 1
							&& counts(org).equals(List.of(1L, 0L, 1L, 0L)));

			proxy.restore();
			List<Long> expected = List.of(ENDPOINTS + 1L, ENDPOINTS / 2L, ENDPOINTS / 2L + 1, 0L);
			await().atMost(Duration.ofSeconds(90)).until(() -> ConsumerLag.of(kafka, GROUP, Topics.INVENTORY) == 0);
			assertThat(counts(org)).isEqualTo(expected);
			assertThat(database.queryForObject("SELECT COUNT(*) FROM inv_endpoint WHERE organisation_id = ?"
					+ " AND last_event_id IS NOT NULL", Long.class, org)).as("endpoints, each as an event left it")
				.isEqualTo(ENDPOINTS + 1L);
			assertThat(database.queryForObject("SELECT COUNT(*) FROM inv_scan WHERE organisation_id = ?", Long.class,
					org)).isEqualTo(1);
			assertThat(deadLetters(org)).as("dead letters for " + org).isEmpty();
			// The process was told inside the batch that failed: it hears of the scan once the batch gets through.
			await().atMost(Duration.ofSeconds(30)).until(() -> phase(org).equals("CONTRACT_REVIEW"));
		}
	}

	private void register(String org) throws Exception {
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(api("/api/organisations").header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"id":"%s","name":"Ministerie %s","category":"CENTRAL_GOVERNMENT","sources":["/test/outage"]}"""
					.formatted(org, org)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	private String phase(String org) throws Exception {
		HttpResponse<String> view = HttpClient.newHttpClient()
			.send(api("/api/organisations/" + org).GET().build(), HttpResponse.BodyHandlers.ofString());
		return view.statusCode() == 200 ? JSON.readTree(view.body()).at("/campaigns/0/phase").asText() : "";
	}

	private HttpRequest.Builder api(String path) {
		int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()));
	}

	/** total, banned, protected, unprotected, read from PostgreSQL directly. */
	private List<Long> counts(String org) {
		return database
			.query("SELECT total, banned, protected_count, unprotected FROM inv_endpoint_counts WHERE organisation_id = ?",
					(rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), org)
			.stream()
			.findFirst()
			.orElse(List.of(0L, 0L, 0L, 0L));
	}

	/** Everything on the dead-letter topic for the organisation, read to its end. */
	private List<ConsumerRecord<String, byte[]>> deadLetters(String org) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			var partitions = consumer.partitionsFor(Topics.INVENTORY_DLT)
				.stream()
				.map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> {
					if (org.equals(r.key())) {
						found.add(r);
					}
				});
				return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
			});
		}
		return found;
	}

}
