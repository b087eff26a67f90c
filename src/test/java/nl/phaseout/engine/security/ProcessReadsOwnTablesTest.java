package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Threat (issue 19): a process variable that names the organisation, its campaign, group or name
 * is changed (by an administrator, who may, or by any hole in the input rules), and the process
 * then records another organisation's decisions, phases it out, or gives its tasks to another
 * group. The process reads all of these from the application's tables (business key, its own
 * {@code process_participant} row, the organisation and the campaign): such variables change
 * nothing it does.
 */
@Tag("security")
@Tag("e2e")
class ProcessReadsOwnTablesTest extends SecurityTest {

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Test
	void variablesAnAdministratorSetsDoNotMakeTheProcessActForAnotherOrganisation() throws Exception {
		String own = advised("OWN");
		String other = advised("OTHER");
		String instance = instance(own);
		JsonNode otherBefore = organisation(other);
		JsonNode otherRecordBefore = record(other);
		forge(instance, Map.of("organisationId", other, "campaignId", "windows-10-eos-2025", "organisationName",
				"Organisatie " + other, "pmGroup", pmGroup(other), "category", "OTHER", "bannedVendors", "Microsoft"));
		String task = taskOf(own, "Task_DecideOnAdvice").getId();

		ResponseEntity<String> done = as(user(pmGroup(own))).exchange("/engine-rest/task/" + task + "/complete",
				HttpMethod.POST, new HttpEntity<>(Map.of("variables", Map.of("phaseOut", Map.of("value", true),
						"rationale", Map.of("value", "we fase uit"))), jsonHeaders()),
				String.class);

		assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(organisation(own).at("/campaigns/0/phase").asText()).isEqualTo("INVENTORY"));
		assertThat(record(own).toString()).contains("Task_DecideOnAdvice", "we fase uit");
		assertThat(organisation(other)).isEqualTo(otherBefore);
		assertThat(record(other)).isEqualTo(otherRecordBefore);
	}

	@Test
	void aChangedGroupOrNameVariableDoesNotMoveTheNextTask() throws Exception {
		String own = mandatory("MOVE");
		String other = advised("ELSE");
		String instance = instance(own);
		forge(instance, Map.of("pmGroup", pmGroup(other), "organisationName", "<img src=x onerror=alert(1)>",
				"organisationId", other));

		ResponseEntity<String> upload = demo().postForEntity("/api/organisations/" + own + "/inventory",
				new HttpEntity<>("endpointId,vendor,name,version,category,state\n"
						+ "pc-1,Kaspersky,Kaspersky Endpoint Security,11.11,antivirus,active\n", csv()),
				String.class);
		assertThat(upload.getStatusCode()).as(upload.getBody()).isEqualTo(HttpStatus.ACCEPTED);

		Task review = taskOf(own, "Task_ReviewContracts");
		assertThat(taskService.getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
			.containsExactly(pmGroup(own));
		assertThat(review.getName()).isEqualTo("Lopende contracten beoordelen: Organisatie " + own);
		String stranger = user(pmGroup(other));
		assertThat(as(stranger).getForObject("/engine-rest/task?processInstanceBusinessKey=" + own, String.class))
			.isEqualTo("[]");
		assertThat(record(own).toString()).contains("BASELINE_SCAN");
		assertThat(record(other).toString()).doesNotContain("BASELINE_SCAN");
	}

	private String advised(String prefix) {
		return registered(prefix, "VITAL_PROVIDER");
	}

	private String mandatory(String prefix) {
		return registered(prefix, "CENTRAL_GOVERNMENT");
	}

	private String registered(String prefix, String category) {
		String id = uniqueId(prefix);
		ResponseEntity<String> created = register(
				Map.of("id", id, "name", "Organisatie " + id, "category", category, "pmGroup", pmGroup(id)));
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		return id;
	}

	/** As the administrator {@code demo} may: every variable at once, over Camunda REST. */
	private void forge(String instance, Map<String, String> variables) {
		Map<String, Object> modifications = new java.util.LinkedHashMap<>();
		variables.forEach((name, value) -> modifications.put(name, Map.of("value", value)));
		ResponseEntity<String> set = demo().exchange("/engine-rest/process-instance/" + instance + "/variables",
				HttpMethod.POST, new HttpEntity<>(Map.of("modifications", modifications), jsonHeaders()), String.class);
		assertThat(set.getStatusCode()).as(set.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	private Task taskOf(String org, String key) {
		Task[] found = new Task[1];
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			found[0] = taskService.createTaskQuery().processInstanceBusinessKey(org).taskDefinitionKey(key)
				.singleResult();
			assertThat(found[0]).as("%s of %s", key, org).isNotNull();
		});
		return found[0];
	}

	private String instance(String org) {
		return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(org).singleResult().getId();
	}

	private JsonNode record(String org) throws Exception {
		return json.readTree(demo().getForObject("/api/organisations/" + org + "/record", String.class));
	}

	private static HttpHeaders csv() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		return headers;
	}

}
