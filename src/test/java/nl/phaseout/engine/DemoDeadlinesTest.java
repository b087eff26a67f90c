package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The dev profile's demo campaign: its deadlines fall due minutes after registration, and
 * each one missed escalates to the programme office, in one task. The timers are run here instead of
 * waited for.
 */
class DemoDeadlinesTest extends EndToEndTest {

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	@Autowired
	TaskService taskService;

	@Autowired
	ObjectMapper json;

	@Test
	void demoCampaignDeadlinesEscalateToTheProgrammeOffice() throws Exception {
		String org = "LATE-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		Instant registeredAt = Instant.now();
		assertThat(demo().postForEntity("/api/organisations",
				new HttpEntity<>(Map.of("id", org, "name", "Late ministry", "category", "CENTRAL_GOVERNMENT"), headers),
				String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String processInstanceId = runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(org)
			.singleResult()
			.getId();

		List<Job> timers = managementService.createJobQuery().processInstanceId(processInstanceId).timers().list();
		// application-dev.yaml: inventory PT3M, plan PT6M, rollout-start PT9M, completion PT15M.
		assertThat(timers).extracting(job -> minutesAfter(registeredAt, job)).containsExactlyInAnyOrder(3L, 6L, 9L, 15L);

		for (Job timer : timers) {
			managementService.executeJob(timer.getId());
		}

		List<Task> escalations = taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("Task_HandleMissedDeadline")
			.taskCandidateGroup("phaseout-office")
			.list();
		assertThat(escalations).as("one office task per organisation, listing every miss").hasSize(1);
		assertThat(taskService.getVariable(escalations.get(0).getId(), "missedMilestones").toString().split(","))
			.containsExactlyInAnyOrder("inventory", "plan", "rolloutStart", "completion");
		JsonNode view = json.readTree(demo().getForObject("/api/organisations/" + org, String.class));
		// the timers were run early: the watch has recorded the four missed, but none of the deadlines has passed yet
		assertThat(view.at("/campaigns/0/missedMilestones").size()).isEqualTo(4);
		assertThat(view.at("/campaigns/0/overdue").asBoolean()).isFalse();
		assertThat(view.at("/campaigns/0/phase").asText()).isEqualTo("INVENTORY");
	}

	private static long minutesAfter(Instant registeredAt, Job job) {
		return Math.round(Duration.between(registeredAt, job.getDuedate().toInstant()).toSeconds() / 60.0);
	}

}
