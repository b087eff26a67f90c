package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.system.Topics;

class ApplicationTest extends EndToEndTest {

	@Autowired
	IdentityService identityService;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void camundaRestNeedsCredentials() {
		ResponseEntity<String> anonymous = http.getForEntity("/engine-rest/engine", String.class);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");

		ResponseEntity<String> demo = demo().getForEntity("/engine-rest/engine", String.class);
		assertThat(demo.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(demo.getBody()).contains("\"default\"");
	}

	@Test
	void wrongPasswordIsRefused() {
		User user = identityService.newUser("mallory-" + UUID.randomUUID());
		user.setPassword("the-right-passphrase");
		identityService.saveUser(user);

		ResponseEntity<String> wrongPassword = http.withBasicAuth(user.getId(), "wrong")
			.getForEntity("/engine-rest/engine", String.class);
		assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void projectApiNeedsCredentials() {
		ResponseEntity<String> anonymous = http.getForEntity("/api/organisations/MIN-JENV", String.class);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getHeaders().getContentType()).satisfies(
				type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		assertThat(anonymous.getBody()).contains("\"detail\"");
	}

	@Test
	void devProfileCreatesTheDemoSetTheProgrammeOfficeAndTheTasklistFilters() {
		ResponseEntity<String> own = http.withBasicAuth("jan", "jan").getForEntity("/api/organisations/MIN-JENV",
				String.class);
		assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(own.getBody()).contains("\"pmGroup\":\"pm-min-jenv\"");
		assertThat(identityService.createUserQuery().userId("demo").memberOfGroup("phaseout-office").count())
			.isEqualTo(1);
		String pmFilters = http.withBasicAuth("jan", "jan").getForObject("/engine-rest/filter", String.class);
		assertThat(pmFilters).contains("Taken van mijn organisatie").doesNotContain("Programmabureau");
		String officeFilters = demo().getForObject("/engine-rest/filter", String.class);
		assertThat(officeFilters).contains("Taken van mijn organisatie").contains("Programmabureau");
	}

	@Test
	void tasklistIsServed() {
		ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("<html").containsIgnoringCase("tasklist");
		// The webapp's own API servlet serves its plugin scripts to the login page...
		assertThat(http.getForEntity("/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js",
				String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		// ...and guards the engine behind the webapp's login, not ours.
		ResponseEntity<String> engine = http.getForEntity("/camunda/api/engine/engine/default/task", String.class);
		assertThat(engine.getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
		assertThat(engine.getHeaders().getFirst("WWW-Authenticate")).isNull();
	}

	@Test
	void healthShowsDatabaseAndKafka() {
		assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		@SuppressWarnings("unchecked")
		Map<String, Object> health = demo().getForObject("/actuator/health", Map.class);
		assertThat(health).containsEntry("status", "UP");
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.get("components");
		assertThat(components.get("db")).containsEntry("status", "UP");
		assertThat(components.get("kafka")).containsEntry("status", "UP");
	}

	@Test
	void contractTopicsExistWithThreePartitions() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
			Map<String, TopicDescription> topics = admin
				.describeTopics(Set.of(Topics.INVENTORY, Topics.INVENTORY_DLT, Topics.STATUS))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			assertThat(topics).hasSize(3);
			topics.values().forEach(topic -> assertThat(topic.partitions()).hasSize(3));
		}
	}

	@Test
	void plainKafkaClientsReachTheEmbeddedBroker() throws Exception {
		String key = "plain-client-" + UUID.randomUUID();
		var producerConfig = Map.<String, Object>of("bootstrap.servers", bootstrapServers, "acks", "all");
		try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.INVENTORY, key, "hello")).get(10, TimeUnit.SECONDS);
		}
		var consumerConfig = Map.<String, Object>of("bootstrap.servers", bootstrapServers, "group.id",
				"plain-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
		try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.INVENTORY));
			ConsumerRecord<String, String> found = null;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (found == null && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (key.equals(record.key())) {
						found = record;
					}
				}
			}
			assertThat(found).as("the record produced with key %s", key).isNotNull();
			assertThat(found.value()).isEqualTo("hello");
		}
	}

}
