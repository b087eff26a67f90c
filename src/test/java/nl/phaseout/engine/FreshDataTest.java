package nl.phaseout.engine;

import static nl.phaseout.engine.Integration.defender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Fresh data from real inventory tools (docs/contract.md, "Since 0.3: fresh data from real inventory tools"), end to end over the real broker, on
 * the inventory's clock: stale endpoints block verification until observed again or retired through
 * the API, a scan that says when it started covers the endpoints it observed and names the others,
 * and an organisation that verifies rolling reaches sign-off on observations alone, its project
 * manager confirming the census. The default campaign's staleAfter here is the contract's P14D.
 */
class FreshDataTest extends EndToEndTest {

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	IdentityService identityService;

	@Autowired
	ObjectMapper json;

	Organisations organisations;

	@BeforeEach
	void organisations() {
		organisations = new Organisations(http, demo(), identityService, json);
	}

	@Test
	void aStaleEndpointBlocksVerificationUntilItIsRetiredThroughTheApiAndTheRecordKeepsWhy() throws Exception {
		String org = Organisations.newId("STALE");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		TestRestTemplate pm = organisations.projectManagerOf(org);
		Instant t0 = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
		try (Integration intune = new Integration(bootstrapServers, "/test/intune")) {
			intune.observed(org, "pc-gone", t0, List.of(defender("active")));
			intune.observed(org, "pc-here", t0.plus(Duration.ofDays(15)), List.of(defender("active")));
			intune.scanCompleted(org, "census", t0.plus(Duration.ofDays(15)).plusSeconds(60), 2);

			// no banned product at the baseline, but pc-gone was last seen more than 14 days before the scan
			organisations.awaitPhase(org, "ROLLOUT");
			JsonNode view = organisations.view(org);
			assertThat(view.at("/campaigns/0/endpoints/stale").asLong()).isEqualTo(1);
			assertThat(view.at("/campaigns/0/endpoints/protected").asLong()).isEqualTo(1);
			assertThat(view.at("/campaigns/0/endpoints/total").asLong()).isEqualTo(2);
			assertThat(view.at("/campaigns/0/verification/verdict").asText()).isEqualTo("NOT_CLEAN");
			assertThat(view.at("/campaigns/0/verification/reason").asText()).contains("1 have not been observed");
			JsonNode stale = json.readTree(pm.getForObject("/api/organisations/" + org + "/endpoints?status=stale",
					String.class));
			assertThat(stale.at("/endpoints/0/endpointId").asText()).isEqualTo("pc-gone");
			assertThat(stale.at("/endpoints/0/status").asText()).isEqualTo("stale");
			String page = demo().getForObject("/office/organisations/" + org, String.class);
			assertThat(page).as("the organisation's page at /office").contains("Verouderd").contains("pc-gone");

			ResponseEntity<String> retired = retire(pm, org, "pc-gone", "Afgevoerd, stond nog in Intune");
			assertThat(retired.getStatusCode()).as(retired.getBody()).isEqualTo(HttpStatus.ACCEPTED);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
					organisations.view(org).at("/campaigns/0/endpoints/retired").asLong()).isEqualTo(1));
			organisations.awaitPhase(org, "VERIFICATION");

			// a scan after the retirement that saw the one endpoint left
			Instant now = Instant.now();
			intune.observed(org, "pc-here", now, List.of(defender("active")));
			intune.scanCompleted(org, "after-retirement", now.plusSeconds(1), 1);
			organisations.awaitOpenTask(org, "Task_SignOffVerification");
		}
		JsonNode record = organisations.record(org).at("/campaigns/0");
		assertThat(record.at("/retirements/0/data/endpointId").asText()).isEqualTo("pc-gone");
		assertThat(record.at("/retirements/0/data/reason").asText()).isEqualTo("Afgevoerd, stond nog in Intune");
		assertThat(record.at("/verificationScans/0/data/stale").asLong()).isEqualTo(1);
		assertThat(organisations.view(org).at("/campaigns/0/verification/verdict").asText()).isEqualTo("CLEAN");
	}

	@Test
	void aScanThatStartedAfterAnEndpointWasLastSeenIsNotCleanAndNamesIt() throws Exception {
		String org = Organisations.newId("COVER");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		Instant t = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		try (Integration scanner = new Integration(bootstrapServers, "/test/scanner")) {
			for (String pc : List.of("pc-1", "pc-2", "pc-3")) {
				scanner.observed(org, pc, t, List.of(defender("active")));
			}
			scanner.observed(org, "pc-1", t.plus(Duration.ofMinutes(30)), List.of(defender("active")));
			scanner.observed(org, "pc-2", t.plus(Duration.ofMinutes(31)), List.of(defender("active")));
			// three endpoints, as many as are known: the 0.2 count rule would call it clean
			scan(scanner, org, "window-1", t.plus(Duration.ofMinutes(20)), t.plus(Duration.ofMinutes(40)), 3);

			organisations.awaitPhase(org, "VERIFICATION");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
					organisations.view(org).at("/campaigns/0/verification/verdict").asText()).isEqualTo("INCOMPLETE"));
			assertThat(organisations.view(org).at("/campaigns/0/verification/reason").asText())
				.contains("does not cover 1 of the 3");
			JsonNode assessed = organisations.record(org).at("/campaigns/0/verificationScans/0/data");
			assertThat(assessed.at("/uncovered").toString()).isEqualTo("[\"pc-3\"]");
			assertThat(assessed.at("/uncoveredMore").asLong()).isZero();
			assertThat(organisations.openTasks(org, "Task_SignOffVerification")).isEmpty();

			for (String pc : List.of("pc-1", "pc-2", "pc-3")) {
				scanner.observed(org, pc, t.plus(Duration.ofMinutes(50)), List.of(defender("active")));
			}
			scan(scanner, org, "window-2", t.plus(Duration.ofMinutes(45)), t.plus(Duration.ofMinutes(60)), 3);
			organisations.awaitOpenTask(org, "Task_SignOffVerification");
		}
	}

	@Test
	void aRollingOrganisationReachesSignOffOnObservationsAloneAndItsSignOffIsTheCensus() throws Exception {
		String org = Organisations.newId("ROLL");
		register(org, "rolling");
		assertThat(organisations.view(org).path("verification").asText()).isEqualTo("rolling");
		TestRestTemplate pm = organisations.projectManagerOf(org);
		Instant t = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		try (Integration defenderForEndpoint = new Integration(bootstrapServers, "/test/defender")) {
			defenderForEndpoint.observed(org, "pc-1", t, List.of(defender("active")));
			defenderForEndpoint.observed(org, "pc-2", t, List.of(defender("active")));
			// the baseline is known with the first observation; no banned product: on to verification
			organisations.awaitPhase(org, "VERIFICATION");
			assertThat(organisations.view(org).at("/campaigns/0/lastScan").isNull()).isTrue();

			defenderForEndpoint.observed(org, "pc-1", t.plus(Duration.ofMinutes(10)), List.of(defender("active")));
			defenderForEndpoint.observed(org, "pc-2", t.plus(Duration.ofMinutes(20)), List.of(defender("active")));
			organisations.awaitOpenTask(org, "Task_SignOffVerification");
		}
		JsonNode view = organisations.view(org);
		assertThat(view.at("/campaigns/0/lastScan/scanId").asText()).isEqualTo("rolling-1");
		assertThat(Instant.parse(view.at("/campaigns/0/lastScan/completedAt").asText()))
			.isEqualTo(t.plus(Duration.ofMinutes(20)));
		assertThat(view.at("/campaigns/0/verification/verdict").asText()).isEqualTo("CLEAN");

		ResponseEntity<String> withoutCensus = complete(pm, org, Map.of("signOff", true));
		assertThat(withoutCensus.getStatusCode().is2xxSuccessful()).as(withoutCensus.getBody()).isFalse();
		assertThat(withoutCensus.getBody()).contains("censusConfirmed");
		assertThat(organisations.openTasks(org, "Task_SignOffVerification")).hasSize(1);

		ResponseEntity<String> census = complete(pm, org, Map.of("signOff", true, "censusConfirmed", true));
		assertThat(census.getStatusCode().is2xxSuccessful()).as(census.getBody()).isTrue();
		organisations.awaitPhase(org, "PHASED_OUT");
		JsonNode signOff = organisations.record(org).at("/campaigns/0/signOff/data");
		assertThat(signOff.at("/censusConfirmed").asBoolean()).isTrue();
		assertThat(signOff.at("/verification").asText()).isEqualTo("rolling");
	}

	private void register(String org, String verification) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> created = demo().postForEntity("/api/organisations", new HttpEntity<>(Map.of("id", org,
				"name", "Organisatie " + org, "category", "CENTRAL_GOVERNMENT", "verification", verification), headers),
				String.class);
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
	}

	private static void scan(Integration scanner, String org, String scanId, Instant startedAt, Instant completedAt,
			int endpointCount) {
		scanner.publish("phaseout.inventory.scan-completed", org, Map.of("organisationId", org, "scanId", scanId,
				"startedAt", startedAt.toString(), "completedAt", completedAt.toString(), "endpointCount", endpointCount));
	}

	private ResponseEntity<String> retire(TestRestTemplate user, String org, String endpointId, String reason) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return user.postForEntity("/api/organisations/" + org + "/endpoints/" + endpointId + "/retire",
				new HttpEntity<>(Map.of("reason", reason), headers), String.class);
	}

	private ResponseEntity<String> complete(TestRestTemplate pm, String org, Map<String, Object> values) {
		String taskId = organisations.awaitOpenTask(org, "Task_SignOffVerification");
		Map<String, Object> variables = new LinkedHashMap<>();
		values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return pm.postForEntity("/engine-rest/task/" + taskId + "/complete",
				new HttpEntity<>(Map.of("variables", variables), headers), String.class);
	}

}
