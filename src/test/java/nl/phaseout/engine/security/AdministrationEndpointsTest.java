package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Tag;
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
@Tag("security")
@Tag("e2e")
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

	/** Issue 19: the same paths under the webapps' engine API, with a Tasklist session. */
	@Test
	void aProjectManagerCannotTouchTheHistoryCleanupJobFromTasklist() {
		String org = uniqueId("ADM");
		assertThat(register(Map.of("id", org, "name", "Organisatie " + org, "category", "OTHER")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		String pm = user(pmGroup(org));
		WebappLogin session = WebappLogin.tasklist(http, pm, PASSWORD);
		Job cleanup = historyService.findHistoryCleanupJobs().get(0);
		String engine = "/camunda/api/engine/engine/default";
		String job = engine + "/job/" + cleanup.getId();

		Map<String, ResponseEntity<String>> attempts = new java.util.LinkedHashMap<>();
		for (String path : List.of("/job", "/job-definition", "/history/job-log", "/metrics", "/schema/log",
				"/history/cleanup/jobs", "/telemetry/data")) {
			attempts.put("GET " + path, http.exchange(engine + path, HttpMethod.GET, new HttpEntity<>(session.headers()),
					String.class));
		}
		attempts.put("postpone", http.exchange(job + "/duedate", HttpMethod.PUT,
				new HttpEntity<>(Map.of("duedate", "2099-01-01T00:00:00.000+0000"), session.headers()), String.class));
		attempts.put("suspend", http.exchange(job + "/suspended", HttpMethod.PUT,
				new HttpEntity<>(Map.of("suspended", true), session.headers()), String.class));
		attempts.put("retries", http.exchange(job + "/retries", HttpMethod.PUT,
				new HttpEntity<>(Map.of("retries", 0), session.headers()), String.class));
		attempts.put("execute", http.exchange(job + "/execute", HttpMethod.POST, new HttpEntity<>(session.headers()),
				String.class));
		attempts.put("delete", http.exchange(job, HttpMethod.DELETE, new HttpEntity<>(session.headers()),
				String.class));
		attempts.put("encoded", http.exchange(java.net.URI.create("http://localhost:" + port
				+ "/camunda/api/engine/engine/default/j%6Fb"), HttpMethod.GET, new HttpEntity<>(session.headers()),
				String.class));

		// a percent-encoded letter is refused before any filter (RequestPathTest)
		assertThat(attempts.remove("encoded").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(attempts).allSatisfy((what, response) -> assertThat(response.getStatusCode())
			.as("%s: %s", what, response.getBody()).isEqualTo(HttpStatus.FORBIDDEN));
		Job after = historyService.findHistoryCleanupJobs().stream().filter(j -> j.getId().equals(cleanup.getId()))
			.findFirst().orElseThrow();
		assertThat(after.isSuspended()).isFalse();
		assertThat(after.getRetries()).isEqualTo(cleanup.getRetries());
		assertThat(after.getDuedate()).isEqualTo(cleanup.getDuedate());
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
