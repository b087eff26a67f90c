package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.EndToEndTest;
import nl.phaseout.engine.Integration;
import nl.phaseout.engine.Organisations;
import nl.phaseout.engine.system.Topics;

/**
 * osquery's Kafka logger as it writes, through the real broker: result log lines byte for byte in
 * the format osquery documents, keyed by host name and binary, without headers, on the
 * organisation's own topic, which is created after the engine started (as an integrator does, with
 * its ACL) and read from its first record.
 */
@Tag("e2e")
class OsqueryKafkaTest extends EndToEndTest {

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	IdentityService identityService;

	@Autowired
	ObjectMapper json;

	@Autowired
	MeterRegistry meters;

	private Organisations organisations;

	@BeforeEach
	void organisations() {
		organisations = new Organisations(http, demo(), identityService, json);
	}

	@Test
	void snapshotsOnAnOrganisationsOsqueryTopicAreItsEndpointsAndOtherResultsAreIgnored() throws Exception {
		String org = Organisations.newId("OSQ");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		long t0 = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
		double ignoredBefore = ignored();
		String garbage = "osqueryd worker: not a result " + UUID.randomUUID();

		try (Agent agent = new Agent(topicOf(org))) {
			agent.send("WS-0001", snapshot("WS-0001", t0, 0, KASPERSKY_ON, FIREWALL_ON));
			agent.send("WS-0002", snapshot("WS-0002", t0, 0, DEFENDER_ON, FIREWALL_ON));
			agent.send("WS-0002", differential("WS-0002", t0 + 3600, "added", DEFENDER_ON));
			agent.send("WS-0002", differential("WS-0002", t0 + 3600, "removed", DEFENDER_ON));
			agent.send("WS-0002", snapshot("WS-0002", t0, 0, DEFENDER_ON, FIREWALL_ON)
				.replace("pack_phaseout_phaseout_security_products", "pack_it_os_version"));
			agent.send("WS-0002", STATUS_LOG);
			agent.send("WS-0003", garbage);
			// the same snapshot delivered twice changes nothing
			agent.send("WS-0001", snapshot("WS-0001", t0, 0, KASPERSKY_ON, FIREWALL_ON));
		}

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode counts = organisations.view(org).at("/campaigns/0/endpoints");
			assertThat(counts.path("total").asLong()).isEqualTo(2);
			assertThat(counts.path("banned").asLong()).isEqualTo(1);
			assertThat(counts.path("protected").asLong()).isEqualTo(1);
		});
		JsonNode listed = json.readTree(demo().getForObject("/api/organisations/" + org + "/endpoints", String.class));
		assertThat(listed.at("/endpoints/0/endpointId").asText()).isEqualTo("WS-0001");
		assertThat(listed.at("/endpoints/0/source").asText()).isEqualTo("urn:phaseout:osquery");
		assertThat(listed.at("/endpoints/0/observedAt").asText()).isEqualTo(Instant.ofEpochSecond(t0).toString());
		assertThat(listed.at("/endpoints/0/products/0/name").asText()).isEqualTo("Kaspersky Endpoint Security for Windows");
		assertThat(listed.at("/endpoints/0/products/0/category").asText()).isEqualTo("antivirus");
		ConsumerRecord<String, byte[]> deadLetter = deadLetter(garbage);
		assertThat(header(deadLetter, InventoryTopics.ERROR_HEADER))
			.startsWith("not an osquery result log line: the value is not JSON");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(
				() -> assertThat(ignored() - ignoredBefore).as("differential results, another query, a status log")
					.isGreaterThanOrEqualTo(4));

		// Until rolling verification (branch fresh): a census stands in for the baseline osquery cannot give.
		try (Integration census = new Integration(bootstrapServers, "/test/census")) {
			census.scanCompleted(org, "census-1", Instant.ofEpochSecond(t0 + 60), 2);
		}
		organisations.awaitPhase(org, "CONTRACT_REVIEW");
	}

	/**
	 * From baseline to sign-off on osquery alone. Needs rolling verification (branch {@code fresh}):
	 * the baseline is known with the first observation, and the rolling scan replaces the census.
	 */
	@Test
	void anOrganisationPhasesOutOnOsqueryAlone() throws Exception {
		String org = Organisations.newId("OSR");
		register(org, Map.of("verification", "rolling"));
		TestRestTemplate pm = organisations.projectManagerOf(org);
		long t0 = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
		try (Agent agent = new Agent(topicOf(org));
				Integration procurement = new Integration(bootstrapServers, "/test/procurement")) {
			agent.send("WS-0001", snapshot("WS-0001", t0, 0, KASPERSKY_ON));
			agent.send("WS-0002", snapshot("WS-0002", t0, 0, DEFENDER_ON));
			organisations.awaitPhase(org, "CONTRACT_REVIEW");

			organisations.complete(pm, org, "Task_ReviewContracts", Map.of("runningContract", "true",
					"contractEndDate", "2026-12-31", "noticePeriodDays", 90, "terminationRequested", true));
			organisations.awaitOpenTask(org, "Task_ChooseAlternative");
			procurement.alternativeSelected(org, "Microsoft", "Defender", Instant.ofEpochSecond(t0 + 60));
			procurement.contractTerminated(org, "AO Kaspersky Lab", "K-1", Instant.ofEpochSecond(t0 + 70));
			organisations.awaitPhase(org, "ROLLOUT");

			// the next hourly snapshots: Kaspersky gone, Defender on
			agent.send("WS-0001", snapshot("WS-0001", t0 + 600, 1, DEFENDER_ON));
			agent.send("WS-0002", snapshot("WS-0002", t0 + 600, 1, DEFENDER_ON));
			organisations.awaitPhase(org, "VERIFICATION");
			// every live endpoint seen again after the rollout completed: the rolling scan
			agent.send("WS-0001", snapshot("WS-0001", t0 + 1200, 2, DEFENDER_ON));
			agent.send("WS-0002", snapshot("WS-0002", t0 + 1200, 2, DEFENDER_ON));
			organisations.awaitOpenTask(org, "Task_SignOffVerification");
			assertThat(organisations.view(org).at("/campaigns/0/lastScan/scanId").asText()).startsWith("rolling-");
		}
	}

	private static final String KASPERSKY_ON = """
			{"name":"Kaspersky Endpoint Security for Windows","type":"Antivirus","state":"On","publisher":""}""";

	private static final String DEFENDER_ON = """
			{"name":"Windows Defender","type":"Antivirus","state":"On","publisher":"Microsoft Corporation"}""";

	private static final String FIREWALL_ON = """
			{"name":"Windows Firewall","type":"Firewall","state":"On","publisher":"Microsoft Corporation"}""";

	private static final String STATUS_LOG = """
			{"hostIdentifier":"WS-0002","calendarTime":"Mon Dec  7 05:51:23 2026 UTC","unixTime":"1796622683",\
			"severity":"0","filename":"scheduler.cpp","line":"83","message":"Executing scheduled query pack_phaseout_phaseout_security_products",\
			"version":"5.14.1","decorations":{"host_uuid":"4C4C4544-0042-3510-8052-B4C04F4E4B32","hostname":"WS-0002"}}""";

	/** A snapshot result log line, as osquery's Kafka logger writes it (one line, no spaces). */
	private static String snapshot(String host, long unixTime, int counter, String... rows) {
		return "{\"snapshot\":[" + String.join(",", rows) + "],\"action\":\"snapshot\","
				+ "\"name\":\"pack_phaseout_phaseout_security_products\",\"hostIdentifier\":\"" + host + "\","
				+ "\"calendarTime\":\"Mon Dec  7 05:51:23 2026 UTC\",\"unixTime\":" + unixTime + ",\"epoch\":0,"
				+ "\"counter\":" + counter + ",\"numerics\":false,\"decorations\":{\"host_uuid\":\"" + host
				+ "\",\"hostname\":\"" + host.toLowerCase() + "\"}}";
	}

	/** A differential result log line in the event format. */
	private static String differential(String host, long unixTime, String action, String row) {
		return "{\"name\":\"pack_phaseout_phaseout_security_products\",\"hostIdentifier\":\"" + host + "\","
				+ "\"calendarTime\":\"Mon Dec  7 06:51:23 2026 UTC\",\"unixTime\":" + unixTime + ",\"epoch\":0,"
				+ "\"counter\":1,\"numerics\":false,\"decorations\":{},\"columns\":" + row + ",\"action\":\"" + action
				+ "\"}";
	}

	/** The organisation's topic, created as the integrator creates it with its ACL. */
	private String topicOf(String org) throws Exception {
		String topic = "phaseout.inventory.osquery." + org;
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		return topic;
	}

	private double ignored() {
		var counter = meters.find("phaseout.inventory.events").tag("outcome", "ignored").counter();
		return counter == null ? 0 : counter.count();
	}

	private void register(String org, Map<String, Object> more) {
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("id", org, "name", "Organisatie " + org, "category", "CENTRAL_GOVERNMENT"));
		body.putAll(more);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> created = demo().postForEntity("/api/organisations", new HttpEntity<>(body, headers),
				String.class);
		assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
	}

	private ConsumerRecord<String, byte[]> deadLetter(String value) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
				"group.id", "osquery-dlt-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.INVENTORY_DLT));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (value.equals(new String(record.value(), StandardCharsets.UTF_8))) {
						found.add(record);
					}
				}
				assertThat(found).isNotEmpty();
			});
		}
		return found.get(0);
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	/** osquery's Kafka logger: acks=all, the key its host name and binary, no headers. */
	private final class Agent implements AutoCloseable {

		private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", bootstrapServers, "acks", "all"), new StringSerializer(),
				new ByteArraySerializer());

		private final String topic;

		Agent(String topic) {
			this.topic = topic;
		}

		void send(String host, String line) throws Exception {
			producer.send(new ProducerRecord<>(topic, host.toLowerCase() + "_osqueryd",
					line.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
		}

		@Override
		public void close() {
			producer.close();
		}

	}

}
