package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Threat (issue 19): Tasklist sends every field of a task's form on submit, the read-only ones
 * (which show evidence or who the task is for) too, so a project manager who edits the request
 * writes them: another group, another deadline, another phase. A read-only field's value is never
 * written; the task still completes with its input fields, so Tasklist's own submit keeps working.
 */
@Tag("security")
@Tag("e2e")
class ReadOnlyFieldsTest extends SecurityTest {

	private static final String WEBAPP = "/camunda/api/engine/engine/default";

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	ManagementService managementService;

	@Autowired
	HistoryService historyService;

	@Test
	void tasklistsSubmitOfTheMissedDeadlineTaskWritesNoneOfItsReadOnlyFields() throws Exception {
		String org = uniqueId("RO");
		assertThat(register(Map.of("id", org, "name", "Organisatie " + org, "category", "CENTRAL_GOVERNMENT",
				"pmGroup", pmGroup(org))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(org).singleResult()
			.getId();
		// the inventory deadline falls due first (application-dev.yaml): run its timer now
		Job first = managementService.createJobQuery().processInstanceId(instance).timers().list().stream()
			.min(Comparator.comparing(Job::getDuedate)).orElseThrow();
		managementService.executeJob(first.getId());
		Task task = taskService.createTaskQuery().processInstanceId(instance)
			.taskDefinitionKey("Task_HandleMissedDeadline").singleResult();
		assertThat(task).isNotNull();
		Map<String, Object> before = taskService.getVariables(task.getId());
		// the office's task: its project managers are no candidates
		String officer = user("phaseout-office");

		// every field, as Tasklist sends them, the read-only ones changed
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("deadlineTekst", typed("completion"));
		fields.put("missedMilestonesTekst", typed("completion"));
		fields.put("deadlineDueTekst", typed("2099-01-01T00:00:00Z"));
		fields.put("milestonePhaseTekst", typed("PHASED_OUT"));
		fields.put("phaseTekst", typed("PHASED_OUT"));
		fields.put("pmGroupTekst", typed("camunda-admin"));
		fields.put("actionTaken", typed("Gebeld met de projectleider"));
		WebappLogin login = WebappLogin.tasklist(http, officer, PASSWORD);
		ResponseEntity<String> done = http.exchange(WEBAPP + "/task/" + task.getId() + "/submit-form", HttpMethod.POST,
				new HttpEntity<>(Map.of("variables", fields), login.headers()), String.class);

		assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("completed").isZero();
		assertThat(runtimeService.getVariable(instance, "pmGroup")).isEqualTo(before.get("pmGroup"))
			.isEqualTo(pmGroup(org));
		assertThat(runtimeService.getVariable(instance, "phase")).isEqualTo(before.get("phase"));
		assertThat(historyService.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().list())
			.map(detail -> (HistoricVariableUpdate) detail)
			.noneMatch(update -> "camunda-admin".equals(update.getValue()) || "PHASED_OUT".equals(update.getValue())
					|| "2099-01-01T00:00:00Z".equals(update.getValue()));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String record = demo().getForObject("/api/organisations/" + org + "/record", String.class);
			assertThat(record).contains("Gebeld met de projectleider").contains("\"deadline\":\"inventory\"")
				.doesNotContain("camunda-admin");
		});
		assertThat(organisation(org).at("/campaigns/0/phase").asText()).isEqualTo("INVENTORY");
	}

	private static Map<String, Object> typed(String value) {
		return Map.of("value", value, "type", "String");
	}

}
