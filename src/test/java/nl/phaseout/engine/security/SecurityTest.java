package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.EndToEndTest;
import nl.phaseout.engine.system.Topics;

/**
 * The security suite: one class per threat, each trying the attack on the running application
 * (real broker, real H2, real webapps) and showing it refused. They share the end-to-end tests'
 * one application context.
 */
abstract class SecurityTest extends EndToEndTest {

	/** Every user a test creates has this one: the password policy wants 12 characters. */
	static final String PASSWORD = "a-long-enough-passphrase";

	static final String OFFICE = "phaseout-office";

	@Autowired
	IdentityService identityService;

	@Autowired
	ObjectMapper json;

	@Autowired
	MeterRegistry meters;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	/** A new user, member of these groups, with {@link #PASSWORD}. */
	String user(String... groups) {
		String userId = "u" + UUID.randomUUID().toString().substring(0, 8);
		User user = identityService.newUser(userId);
		user.setFirstName("Test");
		user.setLastName("User");
		user.setPassword(PASSWORD);
		identityService.saveUser(user);
		for (String group : groups) {
			identityService.createMembership(userId, group);
		}
		return userId;
	}

	TestRestTemplate as(String userId) {
		return http.withBasicAuth(userId, PASSWORD);
	}

	static String uniqueId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
	}

	static String pmGroup(String organisationId) {
		return "pm-" + organisationId.toLowerCase(Locale.ROOT);
	}

	ResponseEntity<String> register(Map<String, ?> organisation) {
		return demo().postForEntity("/api/organisations", new HttpEntity<>(organisation, jsonHeaders()), String.class);
	}

	JsonNode organisation(String id) throws Exception {
		return json.readTree(demo().getForObject("/api/organisations/" + id, String.class));
	}

	JsonNode body(ResponseEntity<String> response) throws Exception {
		return json.readTree(response.getBody());
	}

	static HttpHeaders jsonHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		return headers;
	}

	static void assertProblem(ResponseEntity<String> response) {
		assertThat(response.getHeaders().getContentType()).as("problem details: %s", response.getBody())
			.satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		assertThat(response.getBody()).contains("\"detail\"");
	}

	double events(String outcome) {
		var counter = meters.find("phaseout.inventory.events").tag("outcome", outcome).counter();
		return counter == null ? 0 : counter.count();
	}

	/** Waits for {@code count} dead letters with this key that satisfy the condition; returns them. */
	List<ConsumerRecord<String, byte[]>> deadLetters(String key, int count,
			Predicate<ConsumerRecord<String, byte[]>> condition) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
				"group.id", "security-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
				"max.partition.fetch.bytes", 4 * 1024 * 1024), new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.INVENTORY_DLT));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (key.equals(record.key()) && condition.test(record)) {
						found.add(record);
					}
				}
				assertThat(found).as("dead letters of %s", key).hasSizeGreaterThanOrEqualTo(count);
			});
		}
		return found;
	}

	static String error(ConsumerRecord<String, byte[]> deadLetter) {
		Header header = deadLetter.headers().lastHeader("phaseout-error");
		return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
	}

}
