package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import nl.phaseout.engine.system.Topics;

/**
 * Every kind of record an integration can get wrong, published between good ones on the
 * real broker: each bad one lands unchanged on the dead-letter topic with its reason, and
 * the good ones around it count.
 */
class DeadLetterCorpusTest extends EndToEndTest {

	private static final String CASE = "test-case";

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	ObjectMapper json;

	@Test
	void badRecordsAreDeadLetteredWithTheirReasonAndTheGoodOnesBetweenThemCount() throws Exception {
		String org = "DLT-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		String run = UUID.randomUUID().toString();
		Map<String, String> expectedReasons = new LinkedHashMap<>();
		Map<String, byte[]> sentValues = new HashMap<>();
		try (Integration integration = new Integration(bootstrapServers, "/test/corpus")) {
			integration.observed(org, "ep-1", Instant.now(), List.of(Integration.kasperskyAv("active")));
			bad(integration, org, run, "not-json", "{this is not json".getBytes(StandardCharsets.UTF_8),
					"not JSON", expectedReasons, sentValues);
			bad(integration, org, run, "not-cloudevents", bytes(Map.of("hello", "world")), "CloudEvent", expectedReasons,
					sentValues);
			bad(integration, org, run, "unknown-type",
					event("phaseout.endpoint.exploded", Map.of("organisationId", org)), "unknown event type",
					expectedReasons, sentValues);
			integration.observed(org, "ep-2", Instant.now(), List.of(Integration.defender("active")));
			bad(integration, org, run, "missing-field", event("phaseout.endpoint.observed",
					Map.of("organisationId", org, "observedAt", Instant.now().toString(), "products", List.of())),
					"endpointId", expectedReasons, sentValues);
			bad(integration, org, run, "wrong-type", event("phaseout.inventory.scan-completed",
					Map.of("organisationId", org, "scanId", "s", "completedAt", Instant.now().toString(), "endpointCount",
							"many")),
					"endpointCount", expectedReasons, sentValues);
			bad(integration, org, run, "bad-timestamp", event("phaseout.endpoint.retired",
					Map.of("organisationId", org, "endpointId", "ep-1", "retiredAt", "yesterday")),
					"RFC 3339", expectedReasons, sentValues);
			bad(integration, org, run, "bad-state", event("phaseout.endpoint.observed",
					Map.of("organisationId", org, "endpointId", "ep-9", "observedAt", Instant.now().toString(), "products",
							List.of(Integration.product("Kaspersky", "KES", "antivirus", "sleeping")))),
					"must be one of active, passive, disabled", expectedReasons, sentValues);
			bad(integration, org, run, "one-megabyte", event("phaseout.endpoint.observed",
					Map.of("organisationId", org, "endpointId", "ep-big", "observedAt", Instant.now().toString(),
							"products", List.of(), "padding", "x".repeat(1024 * 1024))),
					"larger than", expectedReasons, sentValues);
			integration.observed(org, "ep-3", Instant.now(), List.of(Integration.defender("disabled")));
			// Unknown extra fields are accepted, in the envelope and in the data.
			Map<String, Object> extended = new LinkedHashMap<>(envelope("phaseout.endpoint.observed"));
			extended.put("vendorextension", "kept");
			extended.put("data", Map.of("organisationId", org, "endpointId", "ep-4", "observedAt",
					Instant.now().toString(), "site", "Den Haag", "products",
					List.of(Map.of("vendor", "Microsoft", "name", "Defender", "category", "antivirus", "state",
							"active", "signatureAge", 2))));
			integration.send(org, bytes(extended));
		}

		Map<String, ConsumerRecord<String, byte[]>> deadLetters = deadLetters(run, expectedReasons.size());
		assertThat(deadLetters.keySet()).containsExactlyInAnyOrderElementsOf(expectedReasons.keySet());
		expectedReasons.forEach((testCase, reason) -> {
			ConsumerRecord<String, byte[]> deadLetter = deadLetters.get(testCase);
			assertThat(deadLetter.key()).isEqualTo(org);
			assertThat(deadLetter.value()).as("%s is dead-lettered unchanged", testCase)
				.isEqualTo(sentValues.get(testCase));
			Header error = deadLetter.headers().lastHeader("phaseout-error");
			assertThat(error).as("%s carries its reason", testCase).isNotNull();
			assertThat(new String(error.value(), StandardCharsets.UTF_8)).as(testCase).contains(reason);
		});
		registerAndExpectCounts(org);
	}

	/** Registered afterwards, the organisation's endpoints are exactly the four good ones. */
	private void registerAndExpectCounts(String organisationId) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		assertThat(demo().postForEntity("/api/organisations",
				new HttpEntity<>(Map.of("id", organisationId, "name", "Corpus", "category", "PROVINCE"), headers),
				String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode endpoints = json
				.readTree(demo().getForObject("/api/organisations/" + organisationId, String.class))
				.at("/campaigns/0/endpoints");
			assertThat(endpoints.path("total").asLong()).isEqualTo(4);
			assertThat(endpoints.path("banned").asLong()).isEqualTo(1);
			assertThat(endpoints.path("protected").asLong()).isEqualTo(2);
			assertThat(endpoints.path("unprotected").asLong()).isEqualTo(1);
		});
	}

	private void bad(Integration integration, String org, String run, String testCase, byte[] value, String reason,
			Map<String, String> expectedReasons, Map<String, byte[]> sentValues) {
		integration.send(org, value, Map.of("content-type", "application/cloudevents+json", CASE, run + "/" + testCase));
		expectedReasons.put(testCase, reason);
		sentValues.put(testCase, value);
	}

	private Map<String, Object> envelope(String type) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("specversion", "1.0");
		envelope.put("id", UUID.randomUUID().toString());
		envelope.put("source", "/test/corpus");
		envelope.put("type", type);
		return envelope;
	}

	private byte[] event(String type, Map<String, Object> data) throws Exception {
		Map<String, Object> event = envelope(type);
		event.put("data", data);
		return bytes(event);
	}

	private byte[] bytes(Object value) throws Exception {
		return json.writeValueAsBytes(value);
	}

	private Map<String, ConsumerRecord<String, byte[]>> deadLetters(String run, int expected) {
		Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
		try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
				"group.id", "corpus-" + run, "auto.offset.reset", "earliest", "max.partition.fetch.bytes",
				4 * 1024 * 1024), new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.INVENTORY_DLT));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					Header testCase = record.headers().lastHeader(CASE);
					String name = testCase == null ? "" : new String(testCase.value(), StandardCharsets.UTF_8);
					if (name.startsWith(run + "/")) {
						found.put(name.substring(run.length() + 1), record);
					}
				}
				assertThat(found).hasSize(expected);
			});
		}
		return found;
	}

}
