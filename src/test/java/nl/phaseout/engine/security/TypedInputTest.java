package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import nl.phaseout.engine.Integration;
import nl.phaseout.engine.Organisations;

/**
 * Threat: what a project manager types breaks the engine or the record. A note of 5,000 characters
 * was a database error ("value too long"); a date typed as 31-02-2026 rolled over into March. Both
 * are refused by Camunda REST, on the form's path (submit-form, which Tasklist uses) and on a plain
 * complete alike, with 400 and a Dutch message; nothing of the completion is stored.
 */
@Tag("security")
@Tag("e2e")
class TypedInputTest extends SecurityTest {

	@Autowired
	RuntimeService runtime;

	@Test
	void aTooLongNoteAndADayThatDoesNotExistAreRefusedWith400AndNothingIsStored() throws Exception {
		Organisations organisations = new Organisations(http, demo(), identityService, json);
		String org = uniqueId("TYPED");
		try (Integration sccm = new Integration(bootstrapServers, "/test/sccm")) {
			sccm.observed(org, "pc-1", Instant.now().minusSeconds(600), List.of(Integration.kasperskyAv("active")));
			sccm.scanCompleted(org, "baseline", Instant.now().minusSeconds(300), 1);
		}
		organisations.register(org, "CENTRAL_GOVERNMENT");
		TestRestTemplate pm = organisations.projectManagerOf(org);
		String task = organisations.awaitOpenTask(org, "Task_ReviewContracts");

		ResponseEntity<String> tooLong = post(pm, task, "complete", Map.of("runningContract", "true",
				"contractEndDate", "31-12-2027", "noticePeriodDays", 90, "contractRemarks", "x".repeat(5000)));
		ResponseEntity<String> noSuchDay = post(pm, task, "submit-form", Map.of("runningContract", "true",
				"contractEndDate", "31-02-2027", "noticePeriodDays", 90, "contractRemarks", "Loopt af"));

		assertThat(tooLong.getStatusCode()).as(tooLong.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(tooLong)).contains("De tekst in 'contractRemarks' is te lang: 5000 tekens, ten hoogste 4000");
		assertThat(noSuchDay.getStatusCode()).as(noSuchDay.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(noSuchDay)).contains("Einddatum contract: '31-02-2027' is geen bestaande datum")
			.doesNotContain("ENGINE-");
		assertThat(organisations.openTasks(org, "Task_ReviewContracts")).containsExactly(task);
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(org).singleResult().getId();
		assertThat(runtime.getVariables(instance)).doesNotContainKeys("contractRemarks", "contractEndDate");
		assertThat(organisations.record(org).at("/campaigns/0/decisions").size()).isZero();

		ResponseEntity<String> typed = post(pm, task, "submit-form", Map.of("runningContract", "true",
				"contractEndDate", "1-3-2027", "noticePeriodDays", 90, "contractRemarks", "x".repeat(4000)));
		assertThat(typed.getStatusCode()).as(typed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(organisations.openTasks(org, "Task_ChooseAlternative")).isNotEmpty());
		assertThat(runtime.getVariable(instance, "contractEndDate")).isEqualTo("2027-03-01");
	}

	private static ResponseEntity<String> post(TestRestTemplate pm, String task, String action,
			Map<String, Object> values) {
		Map<String, Object> variables = new LinkedHashMap<>();
		values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return pm.postForEntity("/engine-rest/task/" + task + "/" + action,
				new HttpEntity<>(Map.of("variables", variables), headers), String.class);
	}

	private String message(ResponseEntity<String> response) throws Exception {
		JsonNode body = json.readTree(response.getBody());
		return body.path("message").asText(body.path("detail").asText());
	}

}
