package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.system.Topics;

/**
 * One organisation from registration to {@code End_PhasedOut}, moved only by the events an
 * inventory and a procurement system publish, and by its project manager completing the
 * human tasks over Camunda REST.
 */
class PhaseOutJourneyTest extends EndToEndTest {

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	IdentityService identityService;

	@Autowired
	HistoryService historyService;

	@Autowired
	ObjectMapper json;

	@Test
	void mandatoryOrganisationPhasesOutDrivenByEvents() throws Exception {
		String org = "MIN-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		Instant t0 = Instant.now().minusSeconds(3600);

		try (Integration intune = new Integration(bootstrapServers, "/test/intune");
				Integration procurement = new Integration(bootstrapServers, "/test/procurement")) {
			// The inventory arrives before the organisation is registered: it is kept and counts later.
			intune.observed(org, "pc-1", t0, List.of(Integration.kasperskyAv("active")));
			intune.observed(org, "pc-2", t0, List.of(Integration.defender("active")));
			intune.scanCompleted(org, "scan-1", t0.plusSeconds(60), 2);

			register(org);
			TestRestTemplate pm = projectManagerOf(org);
			awaitPhase(org, "CONTRACT_REVIEW");
			JsonNode view = organisation(org);
			assertThat(view.at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1);
			assertThat(view.at("/campaigns/0/endpoints/protected").asLong()).isEqualTo(1);
			assertThat(view.at("/campaigns/0/lastScan/scanId").asText()).isEqualTo("scan-1");

			complete(pm, org, "Task_ReviewContracts", Map.of("contractEndDate", "2026-12-31", "noticePeriodDays", 90,
					"terminationRequested", true));
			awaitOpenTask(org, "Task_ChooseAlternative");

			procurement.alternativeSelected(org, "Microsoft", "Defender for Endpoint", t0.plusSeconds(120));
			procurement.contractTerminated(org, "Kaspersky", "K-2018-01", t0.plusSeconds(130));
			awaitPhase(org, "ROLLOUT");

			// Replace, don't just switch off: the new product is active before the old one goes.
			intune.observed(org, "pc-1", t0.plusSeconds(300),
					List.of(Integration.kasperskyAv("passive"), Integration.defender("active")));
			intune.observed(org, "pc-1", t0.plusSeconds(400), List.of(Integration.defender("active")));
			awaitPhase(org, "VERIFICATION");

			intune.scanCompleted(org, "scan-2", Instant.now().plusSeconds(1), 2);
			awaitOpenTask(org, "Task_SignOffVerification");

			complete(pm, org, "Task_SignOffVerification", Map.of("signOff", true, "remarks", "clean"));
			// The contract.terminated event arrived earlier, so there is nothing left to confirm.
			awaitPhase(org, "PHASED_OUT");
		}

		assertThat(visited(org)).contains("End_PhasedOut").doesNotContain("Task_ConfirmContractEnded");
		assertThat(statusPhases(org)).containsSubsequence("INVENTORY", "CONTRACT_REVIEW", "ALTERNATIVE", "ROLLOUT",
				"VERIFICATION", "SIGN_OFF", "PHASED_OUT");
	}

	/** The activities the organisation's process went through. */
	private List<String> visited(String org) {
		String processInstanceId = historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(org)
			.singleResult()
			.getId();
		return historyService.createHistoricActivityInstanceQuery()
			.processInstanceId(processInstanceId)
			.list()
			.stream()
			.map(activity -> activity.getActivityId())
			.toList();
	}

	private TestRestTemplate projectManagerOf(String org) {
		String userId = "pm" + UUID.randomUUID().toString().substring(0, 8);
		User user = identityService.newUser(userId);
		user.setPassword("project-manager-passphrase");
		identityService.saveUser(user);
		identityService.createMembership(userId, "pm-" + org.toLowerCase());
		return http.withBasicAuth(userId, "project-manager-passphrase");
	}

	private void register(String org) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> created = demo().postForEntity("/api/organisations", new HttpEntity<>(
				Map.of("id", org, "name", "Ministerie " + org, "category", "CENTRAL_GOVERNMENT"), headers), String.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	private JsonNode organisation(String org) throws Exception {
		return json.readTree(demo().getForObject("/api/organisations/" + org, String.class));
	}

	private void awaitPhase(String org, String phase) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(organisation(org).at("/campaigns/0/phase").asText()).isEqualTo(phase));
	}

	private String awaitOpenTask(String org, String taskDefinitionKey) {
		List<String> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			found.clear();
			for (JsonNode task : organisation(org).at("/campaigns/0/openTasks")) {
				if (task.path("taskDefinitionKey").asText().equals(taskDefinitionKey)) {
					found.add(task.path("id").asText());
				}
			}
			assertThat(found).as("open %s of %s", taskDefinitionKey, org).isNotEmpty();
		});
		return found.get(0);
	}

	/** Completes the task as the organisation's project manager would, through Camunda REST. */
	private void complete(TestRestTemplate pm, String org, String taskDefinitionKey, Map<String, Object> values) {
		String taskId = awaitOpenTask(org, taskDefinitionKey);
		Map<String, Object> variables = new LinkedHashMap<>();
		values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> completed = pm.postForEntity("/engine-rest/task/" + taskId + "/complete",
				new HttpEntity<>(Map.of("variables", variables), headers), String.class);
		assertThat(completed.getStatusCode().is2xxSuccessful()).as("complete %s: %s", taskDefinitionKey,
				completed.getBody()).isTrue();
	}

	/** The phases the engine published for the organisation on phaseout.status, in order. */
	private List<String> statusPhases(String org) {
		List<String> phases = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
				"group.id", "journey-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.STATUS));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode event = json.readTree(new String(record.value(), StandardCharsets.UTF_8));
					if (org.equals(record.key()) && "phaseout.phase.changed".equals(event.path("type").asText())) {
						phases.add(event.at("/data/phase").asText());
					}
				}
				assertThat(phases).contains("PHASED_OUT");
			});
		}
		return phases;
	}

}
