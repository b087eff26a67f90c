package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Threat: a project manager deletes or runs the history cleanup job through
 * {@code /engine-rest/job}; Camunda checks no authorization on jobs without a process definition,
 * nor on the schema log, metrics and telemetry. Those parts are for {@code camunda-admin} only.
 */
class AdministrationEndpointsTest extends SecurityTest {

	@Autowired
	HistoryService historyService;

	@Test
	void aProjectManagerCannotTouchTheHistoryCleanupJob() {
		TestRestTemplate pm = as(user("pm-min-jenv"));
		Job cleanup = historyService.findHistoryCleanupJobs().get(0);

		List<ResponseEntity<String>> attempts = List.of(
				pm.exchange("/engine-rest/job/" + cleanup.getId(), HttpMethod.DELETE, null, String.class),
				pm.postForEntity("/engine-rest/job/" + cleanup.getId() + "/execute", null, String.class),
				pm.exchange("/engine-rest/engine/default/job/" + cleanup.getId(), HttpMethod.DELETE, null, String.class),
				pm.postForEntity("/engine-rest/history/cleanup", null, String.class),
				pm.getForEntity("/engine-rest/job", String.class));

		assertThat(attempts).allSatisfy(response -> {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
			assertProblem(response);
			assertThat(response.getBody()).contains("administrators (group camunda-admin)");
		});
		assertThat(historyService.findHistoryCleanupJobs()).extracting(Job::getId).contains(cleanup.getId());
	}

	@Test
	void schemaLogMetricsTelemetryAndPasswordChecksAreForAdministrators() {
		TestRestTemplate office = as(user(OFFICE));
		List<String> paths = List.of("/engine-rest/schema/log", "/engine-rest/metrics/activity-instance-start/sum",
				"/engine-rest/telemetry/data", "/engine-rest/job-definition", "/engine-rest/history/job-log",
				"/engine-rest/history/cleanup/jobs");

		assertThat(paths).allSatisfy(path -> assertThat(office.getForEntity(path, String.class).getStatusCode())
			.as(path).isEqualTo(HttpStatus.FORBIDDEN));
		assertThat(office.postForEntity("/engine-rest/identity/verify",
				new HttpEntity<>(Map.of("username", "demo", "password", "demo"), jsonHeaders()), String.class)
			.getStatusCode()).as("no password oracle").isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(paths).allSatisfy(path -> assertThat(demo().getForEntity(path, String.class).getStatusCode())
			.as("administrator: %s", path).isEqualTo(HttpStatus.OK));
	}

}
