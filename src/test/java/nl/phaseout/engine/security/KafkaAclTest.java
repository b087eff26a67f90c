package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.system.SaslKafkaBroker;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Threat: any Kafka writer claims a trusted source (an inventory system's, or a project manager's
 * upload) and steers an organisation's phase-out. Defence: sources are authenticated by the topic
 * they arrive on, and the broker decides who writes which topic. Here the application runs against
 * a broker as production runs one, SASL on every listener and Kafka's {@code StandardAuthorizer},
 * with the ACLs of {@code docker/compose.yaml}: the engine reads every inventory topic and alone
 * writes the manual uploads', each feed's principal writes its own topic, any other inventory system
 * {@code phaseout.inventory}. No trusted sources at all.
 */
@Tag("security")
@Tag("e2e")
// registered before SpringBootTest's extension: the broker stops after the application has
@ExtendWith(KafkaAclTest.StopBrokerLast.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.process-engine-name=kafkaacl", "camunda.bpm.webapp.enabled=false",
				"phaseout.inventory.trusted-sources=", "phaseout.demo-stale-after=P14D",
				"phaseout.kafka.topics.partitions=1",
				"phaseout.inventory.feeds[0].topic=" + KafkaAclTest.INTUNE_TOPIC,
				"phaseout.inventory.feeds[0].sources=/intune/*" })
// An application of its own in the test JVM: its engine has a name of its own (the Camunda container
// knows engines by name, and the other test applications' webapps and REST use "default"), so it may
// be closed after its tests without taking their engine with it.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaAclTest {

	static final String INTUNE_TOPIC = "phaseout.inventory.intune";

	private static final String PASSWORD = "a-long-enough-passphrase";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Path DIR = tempDir();

	private static SaslKafkaBroker broker;

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identityService;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		broker = new SaslKafkaBroker(DIR.resolve("kafka"), Map.of("engine", secret(), "intune", secret(), "inventory",
				secret())).start();
		grantAsComposeDoes();
		registry.add("phaseout.data-dir", () -> DIR.resolve("engine").toString());
		registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
		registry.add("spring.kafka.security.protocol", () -> "SASL_PLAINTEXT");
		registry.add("spring.kafka.properties.sasl.mechanism", () -> "PLAIN");
		registry.add("spring.kafka.properties.sasl.jaas.config", () -> broker.jaas("engine"));
	}

	@Test
	void aPrincipalWithoutTheFeedsWriteAclCannotWriteItsTopic() {
		try (var producer = producer("inventory")) {
			Throwable refused = catchThrowable(() -> producer
				.send(observed(INTUNE_TOPIC, "/intune/forged", "MIN-JENV", "pc-1", "Microsoft", "Defender"))
				.get(30, TimeUnit.SECONDS));

			assertThat(refused).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void theFeedsPrincipalWritesItsTopicAndItsEventsCount() throws Exception {
		String org = register(List.of("/intune/*"));

		try (var producer = producer("intune")) {
			producer.send(observed(INTUNE_TOPIC, "/intune/tenant-1", org, "pc-1", "Microsoft", "Defender"))
				.get(30, TimeUnit.SECONDS);
		}

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(organisation(org).at("/campaigns/0/endpoints/total").asLong()).isEqualTo(1));
	}

	@Test
	void aForgedManualOrFeedSourceOnTheOpenTopicIsDeadLettered() throws Exception {
		// Even an organisation that names both sources cannot be reported for by a forger.
		String org = register(List.of("/intune/*", "urn:phaseout:manual:*"));

		try (var producer = producer("inventory")) {
			producer.send(observed(Topics.INVENTORY, "urn:phaseout:manual:jan", org, "pc-1", "Microsoft", "Defender"))
				.get(30, TimeUnit.SECONDS);
			producer.send(observed(Topics.INVENTORY, "/intune/tenant-1", org, "pc-2", "Microsoft", "Defender"))
				.get(30, TimeUnit.SECONDS);
		}

		List<String> errors = deadLetterErrors(org, 2);
		assertThat(errors).containsExactlyInAnyOrder(
				"source 'urn:phaseout:manual:jan' is accepted only from topic 'phaseout.inventory.manual', not from"
						+ " topic 'phaseout.inventory': anyone may write there and claim it",
				"source '/intune/tenant-1' is accepted only from topic 'phaseout.inventory.intune', not from topic"
						+ " 'phaseout.inventory': anyone may write there and claim it");
		assertThat(organisation(org).at("/campaigns/0/endpoints/total").asLong()).isZero();
	}

	@Test
	void aProjectManagersUploadCountsWithNoTrustedSourcesSetting() throws Exception {
		String org = register(List.of());
		String pm = "pm" + UUID.randomUUID().toString().substring(0, 8);
		User user = identityService.newUser(pm);
		user.setPassword(PASSWORD);
		identityService.saveUser(user);
		identityService.createMembership(pm, "pm-" + org.toLowerCase(Locale.ROOT));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv;charset=UTF-8"));

		ResponseEntity<String> accepted = http.withBasicAuth(pm, PASSWORD)
			.postForEntity("/api/organisations/" + org + "/inventory", new HttpEntity<>(
					"endpointId,vendor,name,version,category,state\npc-1,Kaspersky,Kaspersky Endpoint Security,12,"
							+ "antivirus,active\npc-2,Microsoft,Defender,4,antivirus,active\n", headers),
					String.class);

		assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode campaign = organisation(org).at("/campaigns/0");
			assertThat(campaign.at("/endpoints/total").asLong()).isEqualTo(2);
			assertThat(campaign.at("/endpoints/banned").asLong()).isEqualTo(1);
			assertThat(campaign.at("/lastScan/scanId").asText()).startsWith("manual-");
		});
	}

	/** The ACLs of docker/compose.yaml's kafka-acls service, through Kafka's Admin API. */
	private static void grantAsComposeDoes() {
		Map<String, Object> config = new HashMap<>(broker.client(SaslKafkaBroker.ADMIN));
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		List<AclBinding> acls = new ArrayList<>();
		// the engine: reads and creates every phaseout.* topic, writes only its own
		allow(acls, "engine", ResourceType.TOPIC, "phaseout.", PatternType.PREFIXED, AclOperation.READ,
				AclOperation.DESCRIBE, AclOperation.CREATE);
		for (String topic : List.of(Topics.INVENTORY_MANUAL, Topics.INVENTORY_DLT, Topics.STATUS)) {
			allow(acls, "engine", ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE);
		}
		allow(acls, "engine", ResourceType.GROUP, "phaseout-engine", PatternType.LITERAL, AclOperation.READ);
		allow(acls, "engine", ResourceType.TRANSACTIONAL_ID, "phaseout-manual-inventory-", PatternType.PREFIXED,
				AclOperation.WRITE, AclOperation.DESCRIBE);
		// one principal per feed, its own topic only
		allow(acls, "intune", ResourceType.TOPIC, INTUNE_TOPIC, PatternType.LITERAL, AclOperation.WRITE);
		// any other inventory system: the open topic, where only the organisations' own sources count
		allow(acls, "inventory", ResourceType.TOPIC, Topics.INVENTORY, PatternType.LITERAL, AclOperation.WRITE);
		try (Admin admin = Admin.create(config)) {
			admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create the ACLs", ex);
		}
	}

	private static void allow(List<AclBinding> acls, String user, ResourceType type, String name,
			PatternType patternType, AclOperation... operations) {
		for (AclOperation operation : operations) {
			acls.add(new AclBinding(new ResourcePattern(type, name, patternType),
					new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
		}
	}

	private String register(List<String> sources) {
		String id = "ACL-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> created = http.withBasicAuth("demo", "demo")
			.postForEntity("/api/organisations", new HttpEntity<>(Map.of("id", id, "name", "Organisatie " + id,
					"category", "CENTRAL_GOVERNMENT", "sources", sources), headers), String.class);
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		return id;
	}

	private JsonNode organisation(String id) throws IOException {
		return JSON.readTree(http.withBasicAuth("demo", "demo").getForObject("/api/organisations/" + id, String.class));
	}

	private static KafkaProducer<String, byte[]> producer(String user) {
		Map<String, Object> config = new HashMap<>(broker.client(user));
		config.put("bootstrap.servers", broker.bootstrapServers());
		config.put("acks", "all");
		config.put("max.block.ms", 30_000);
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	private static ProducerRecord<String, byte[]> observed(String topic, String source, String org, String endpoint,
			String vendor, String name) {
		Map<String, Object> data = Map.of("organisationId", org, "endpointId", endpoint, "observedAt",
				Instant.now().minusSeconds(60).toString(), "products",
				List.of(Map.of("vendor", vendor, "name", name, "category", "antivirus", "state", "active")));
		Map<String, Object> event = Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(), "source", source,
				"type", "phaseout.endpoint.observed", "datacontenttype", "application/json", "data", data);
		try {
			var record = new ProducerRecord<>(topic, org, JSON.writeValueAsBytes(event));
			record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
			return record;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The {@code phaseout-error} of the organisation's dead letters, read as the administrator. */
	private static List<String> deadLetterErrors(String key, int count) {
		Map<String, Object> config = new HashMap<>(broker.client(SaslKafkaBroker.ADMIN));
		config.put("bootstrap.servers", broker.bootstrapServers());
		config.put("group.id", "acl-test-" + UUID.randomUUID());
		config.put("auto.offset.reset", "earliest");
		List<String> errors = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.INVENTORY_DLT));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					Header error = record.headers().lastHeader("phaseout-error");
					if (key.equals(record.key()) && error != null) {
						errors.add(new String(error.value(), StandardCharsets.UTF_8));
					}
				}
				assertThat(errors).hasSizeGreaterThanOrEqualTo(count);
			});
		}
		return errors;
	}

	private static String secret() {
		return UUID.randomUUID().toString();
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("phaseout-acl-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops the broker once the application, closed before it, no longer needs it. */
	static class StopBrokerLast implements AfterAllCallback {

		@Override
		public void afterAll(ExtensionContext context) {
			if (broker != null) {
				broker.close();
			}
		}

	}

}
