package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Registers organisations and follows them through the engine's REST API, as the programme office
 * and their project managers would: {@code /api} for what stands where, Camunda REST for tasks.
 */
public final class Organisations {

	private final TestRestTemplate http;

	private final TestRestTemplate office;

	private final IdentityService identities;

	private final ObjectMapper json;

	public Organisations(TestRestTemplate http, TestRestTemplate office, IdentityService identities,
			ObjectMapper json) {
		this.http = http;
		this.office = office;
		this.identities = identities;
		this.json = json;
	}

	public static String newId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	public void register(String org, String category) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> created = office.postForEntity("/api/organisations",
				new HttpEntity<>(Map.of("id", org, "name", "Organisatie " + org, "category", category), headers),
				String.class);
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
	}

	/** A new user in the organisation's project managers' group, logged in over HTTP Basic. */
	public TestRestTemplate projectManagerOf(String org) {
		String userId = "pm" + UUID.randomUUID().toString().substring(0, 8);
		User user = identities.newUser(userId);
		user.setPassword("a-long-enough-secret");
		identities.saveUser(user);
		identities.createMembership(userId, "pm-" + org.toLowerCase());
		return http.withBasicAuth(userId, "a-long-enough-secret");
	}

	public JsonNode view(String org) throws Exception {
		return json.readTree(office.getForObject("/api/organisations/" + org, String.class));
	}

	public JsonNode record(String org) throws Exception {
		return json.readTree(office.getForObject("/api/organisations/" + org + "/record", String.class));
	}

	public void awaitPhase(String org, String phase) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(view(org).at("/campaigns/0/phase").asText()).isEqualTo(phase));
	}

	public String awaitOpenTask(String org, String taskDefinitionKey) {
		List<String> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			found.clear();
			found.addAll(openTasks(org, taskDefinitionKey));
			assertThat(found).as("open %s of %s", taskDefinitionKey, org).isNotEmpty();
		});
		return found.get(0);
	}

	public List<String> openTasks(String org, String taskDefinitionKey) throws Exception {
		List<String> found = new ArrayList<>();
		for (JsonNode task : view(org).at("/campaigns/0/openTasks")) {
			if (task.path("taskDefinitionKey").asText().equals(taskDefinitionKey)) {
				found.add(task.path("id").asText());
			}
		}
		return found;
	}

	/** Completes the task as the organisation's project manager would, through Camunda REST. */
	public void complete(TestRestTemplate pm, String org, String taskDefinitionKey, Map<String, Object> values) {
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

}
