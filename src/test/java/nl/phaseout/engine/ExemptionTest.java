package nl.phaseout.engine;

import static nl.phaseout.engine.Integration.defender;
import static nl.phaseout.engine.Integration.kasperskyAv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
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
import org.springframework.jdbc.core.JdbcTemplate;

import nl.phaseout.engine.campaign.Campaign;

/**
 * Exemptions (docs/contract.md, "Since 0.3: exemptions"), over the real broker, the real engine and
 * database: a project manager asks, the office reviews in Camunda REST, the counts show the endpoints
 * exempted instead of banned, the organisation reaches sign-off where the campaign allows it and stays
 * in rollout where it does not, and the exemption expires on the engine's clock (moved by the test),
 * after which the endpoints are banned again: a regression for an organisation that was phased out.
 * The demo campaign (application-dev.yaml) allows exemptions until 2099-12-31, with sign-off.
 */
class ExemptionTest extends EndToEndTest {

	private static final ZoneId DUTCH = ZoneId.of("Europe/Amsterdam");

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	IdentityService identityService;

	@Autowired
	TaskService taskService;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	Organisations organisations;

	@BeforeEach
	void organisations() {
		organisations = new Organisations(http, demo(), identityService, json);
	}

	@Test
	void anApprovedExemptionLetsTheOrganisationSignOffAndItsExpiryAfterPhaseOutIsARegression() throws Exception {
		String org = Organisations.newId("EXEMPT");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		TestRestTemplate pm = organisations.projectManagerOf(org);
		Instant t0 = Instant.now().minus(Duration.ofHours(1));
		String today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), DUTCH).toString();
		String officerId = "office" + java.util.UUID.randomUUID().toString().substring(0, 8);
		TestRestTemplate officer = officer(officerId);
		try (Integration intune = new Integration(bootstrapServers, "/test/intune");
				Integration procurement = new Integration(bootstrapServers, "/test/procurement")) {
			intune.observed(org, "pc-1", t0, List.of(kasperskyAv("active")));
			intune.observed(org, "pc-2", t0, List.of(defender("active")));
			intune.scanCompleted(org, "scan-1", t0.plusSeconds(60), 2);
			organisations.awaitPhase(org, "CONTRACT_REVIEW");

			ResponseEntity<String> requested = request(pm, org, List.of("pc-1"), "MRI-scanner, alleen op dit product"
					+ " gecertificeerd", today);
			assertThat(requested.getStatusCode()).as(requested.getBody()).isEqualTo(HttpStatus.CREATED);
			assertThat(json.readTree(requested.getBody()).path("status").asText()).isEqualTo("REQUESTED");

			// the review is the office's: a candidate task of phaseout-office that the PM neither sees nor completes
			Task review = reviewTask(org);
			assertThat(taskService.getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
				.containsExactly("phaseout-office");
			assertThat(json.readTree(pm.getForObject("/engine-rest/task?processInstanceBusinessKey=" + org
					+ "&taskDefinitionKey=Task_ReviewExemption", String.class))).isEmpty();
			assertThat(submit(pm, review.getId(), Map.of("approved", "true")).getStatusCode().is2xxSuccessful())
				.isFalse();
			ResponseEntity<String> smuggled = submit(officer, review.getId(),
					Map.of("approved", "true", "exemptionExpiresAt", "2099-01-01T00:00:00.000+0000"));
			assertThat(smuggled.getStatusCode()).as(smuggled.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(smuggled.getBody()).contains("exemptionExpiresAt");
			assertThat(organisations.view(org).at("/campaigns/0/endpoints/exempted").asLong()).isZero();

			ResponseEntity<String> approved = submit(officer, review.getId(),
					Map.of("approved", "true", "reviewNote", "Tot de vervanging"));
			assertThat(approved.getStatusCode().is2xxSuccessful()).as(approved.getBody()).isTrue();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				JsonNode counts = organisations.view(org).at("/campaigns/0/endpoints");
				assertThat(counts.path("exempted").asLong()).isEqualTo(1);
				assertThat(counts.path("banned").asLong()).isZero();
				assertThat(counts.path("total").asLong()).isEqualTo(2);
			});
			JsonNode exemptedList = json.readTree(pm.getForObject("/api/organisations/" + org
					+ "/endpoints?status=exempted", String.class));
			assertThat(exemptedList.at("/endpoints/0/endpointId").asText()).isEqualTo("pc-1");

			organisations.complete(pm, org, "Task_ReviewContracts", Map.of("runningContract", "true",
					"contractEndDate", "2026-12-31", "noticePeriodDays", 90, "terminationRequested", true));
			procurement.alternativeSelected(org, "Microsoft", "Defender for Endpoint", t0.plusSeconds(120));
			procurement.contractTerminated(org, "Kaspersky", "K-1", t0.plusSeconds(130));
			// pc-2 protected, pc-1 exempted: with allowSignOff the rollout is complete (at the endpoints' inventory
			// time), and scan-1, completed after that, is clean with an exempted endpoint
			organisations.awaitPhase(org, "SIGN_OFF");
			assertThat(organisations.view(org).at("/campaigns/0/verification/verdict").asText()).isEqualTo("CLEAN");
			organisations.complete(pm, org, "Task_SignOffVerification", Map.of("signOff", true, "signOffNote", "ok"));
			organisations.awaitPhase(org, "PHASED_OUT");

			JsonNode progress = json.readTree(demo().getForObject("/api/campaigns/" + Campaign.DEFAULT_ID + "/progress",
					String.class));
			assertThat(progress.at("/endpoints/exempted").asLong()).isPositive();
			String page = demo().getForObject("/office/organisations/" + org, String.class);
			assertThat(page).contains("Uitzonderingen").contains("Goedgekeurd").contains("MRI-scanner")
				.contains("id=\"count-exempted\">1<");

			// the end of the last day, Dutch time, on the engine's clock
			String exemptionInstance = runtimeService.createProcessInstanceQuery()
				.processDefinitionKey("phaseout-exemption")
				.processInstanceBusinessKey(org)
				.singleResult()
				.getId();
			Job timer = managementService.createJobQuery().processInstanceId(exemptionInstance).timers().singleResult();
			Instant endOfDay = LocalDate.parse(today).plusDays(1).atStartOfDay(DUTCH).toInstant();
			assertThat(timer.getDuedate().toInstant()).isEqualTo(endOfDay);
			expireAt(timer, endOfDay.plusSeconds(60));

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				JsonNode counts = organisations.view(org).at("/campaigns/0/endpoints");
				assertThat(counts.path("exempted").asLong()).isZero();
				assertThat(counts.path("banned").asLong()).isEqualTo(1);
			});
			organisations.awaitOpenTask(org, "Task_ResolveRegression");
		}
		JsonNode exemption = json.readTree(pm.getForObject("/api/organisations/" + org + "/exemptions", String.class))
			.path(0);
		assertThat(exemption.path("status").asText()).isEqualTo("EXPIRED");
		assertThat(exemption.path("decidedBy").asText()).isEqualTo(officerId);
		assertThat(exemption.path("note").asText()).isEqualTo("Tot de vervanging");
		assertThat(exemption.path("endpointIds").toString()).isEqualTo("[\"pc-1\"]");
		assertThat(Instant.parse(exemption.path("expiredAt").asText())).as("the engine's clock, not the wall's")
			.isAfter(endOfDayOf(today));
		JsonNode record = organisations.record(org).at("/campaigns/0");
		assertThat(record.path("exemptions").findValuesAsText("status")).containsExactly("REQUESTED", "APPROVED",
				"EXPIRED");
		assertThat(record.at("/exemptions/1/actor").asText()).isEqualTo(officerId);
		assertThat(record.at("/regressions/0/data/endpoints/0").asText()).isEqualTo("pc-1");
	}

	@Test
	void withoutSignOffExemptedEndpointsKeepTheOrganisationInRolloutAndARefusalChangesNothing() throws Exception {
		String org = Organisations.newId("NOSIGN");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		TestRestTemplate pm = organisations.projectManagerOf(org);
		Instant t0 = Instant.now().minus(Duration.ofHours(1));
		String today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), DUTCH).toString();
		jdbc.update("UPDATE campaign SET exemptions_allow_sign_off = FALSE WHERE id = ?", Campaign.DEFAULT_ID);
		try (Integration intune = new Integration(bootstrapServers, "/test/intune");
				Integration procurement = new Integration(bootstrapServers, "/test/procurement")) {
			intune.observed(org, "pc-1", t0, List.of(kasperskyAv("active")));
			intune.observed(org, "pc-2", t0, List.of(defender("active")));
			intune.scanCompleted(org, "scan-1", t0.plusSeconds(60), 2);
			organisations.complete(pm, org, "Task_ReviewContracts", Map.of("runningContract", "false"));
			procurement.alternativeSelected(org, "Microsoft", "Defender for Endpoint", t0.plusSeconds(120));
			organisations.awaitPhase(org, "ROLLOUT");

			assertThat(request(pm, org, List.of("pc-1"), "Nog even", today).getStatusCode())
				.isEqualTo(HttpStatus.CREATED);
			ResponseEntity<String> refused = submit(demo(), reviewTask(org).getId(),
					Map.of("approved", "false", "reviewNote", "Eerst vervangen"));
			assertThat(refused.getStatusCode().is2xxSuccessful()).as(refused.getBody()).isTrue();
			JsonNode list = json.readTree(pm.getForObject("/api/organisations/" + org + "/exemptions", String.class));
			assertThat(list.at("/0/status").asText()).isEqualTo("REFUSED");
			assertThat(list.at("/0/note").asText()).isEqualTo("Eerst vervangen");
			assertThat(list.at("/0/expiresAt").isNull()).isTrue();
			assertThat(organisations.view(org).at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1);
			assertThat(organisations.view(org).at("/campaigns/0/endpoints/exempted").asLong()).isZero();

			assertThat(request(pm, org, List.of("pc-1"), "Vervanging besteld", today).getStatusCode())
				.isEqualTo(HttpStatus.CREATED);
			assertThat(submit(demo(), reviewTask(org).getId(), Map.of("approved", "true")).getStatusCode()
				.is2xxSuccessful()).isTrue();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
					organisations.view(org).at("/campaigns/0/endpoints/exempted").asLong()).isEqualTo(1));
			assertThat(organisations.view(org).at("/campaigns/0/endpoints/banned").asLong()).isZero();
			// every live endpoint is protected or exempted, but this campaign does not sign off with exempted ones
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
					organisations.view(org).at("/campaigns/0/phase").asText()).isEqualTo("ROLLOUT"));
		}
		finally {
			jdbc.update("UPDATE campaign SET exemptions_allow_sign_off = TRUE WHERE id = ?", Campaign.DEFAULT_ID);
		}
		JsonNode list = json.readTree(pm.getForObject("/api/organisations/" + org + "/exemptions", String.class));
		assertThat(list.findValuesAsText("status")).containsExactly("APPROVED", "REFUSED");
		assertThat(organisations.record(org).at("/campaigns/0/exemptions").findValuesAsText("status"))
			.containsExactly("REQUESTED", "REFUSED", "REQUESTED", "APPROVED");
	}

	@Test
	void aRequestNamesWhatIsWrongAndOnlyItsProjectManagersMayAsk() throws Exception {
		String org = Organisations.newId("EXBAD");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		TestRestTemplate pm = organisations.projectManagerOf(org);
		String other = Organisations.newId("EXOTHER");
		organisations.register(other, "CENTRAL_GOVERNMENT");
		TestRestTemplate otherPm = organisations.projectManagerOf(other);
		String today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), DUTCH).toString();
		try (Integration intune = new Integration(bootstrapServers, "/test/intune")) {
			intune.observed(org, "pc-1", Instant.now().minusSeconds(60), List.of(kasperskyAv("active")));
			intune.retired(org, "pc-old", Instant.now().minusSeconds(30));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
					organisations.view(org).at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1));
		}
		assertBadRequest(post(pm, org, body(null, List.of("pc-1"), "r", today)), "campaignId is required");
		assertBadRequest(post(pm, org, body("no-such-campaign", List.of("pc-1"), "r", today)), "is not a campaign");
		assertBadRequest(post(pm, org, body(Campaign.DEFAULT_ID, List.of(), "r", today)), "endpointIds is required");
		assertBadRequest(post(pm, org, body(Campaign.DEFAULT_ID, List.of("pc-1"), " ", today)), "reason is required");
		assertBadRequest(post(pm, org, body(Campaign.DEFAULT_ID, List.of("pc-1"), "r", null)), "until is required");
		assertBadRequest(post(pm, org, body(Campaign.DEFAULT_ID, List.of("pc-1"), "r", "13-10-2026")), "is not a date");
		assertBadRequest(post(pm, org, body(Campaign.DEFAULT_ID, List.of("pc-1"), "r",
				LocalDate.parse(today).minusDays(1).toString())), "is in the past");
		assertBadRequest(post(pm, org, body(Campaign.DEFAULT_ID, List.of("pc-1"), "r", "2100-01-01")),
				"past 2099-12-31");
		ResponseEntity<String> notLive = post(pm, org, body(Campaign.DEFAULT_ID, List.of("pc-1", "pc-old", "pc-9"),
				"r", today));
		assertBadRequest(notLive, "pc-old, pc-9");
		assertThat(notLive.getBody()).doesNotContain("pc-1,");
		assertThat(request(otherPm, org, List.of("pc-1"), "r", today).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(otherPm.getForEntity("/api/organisations/" + org + "/exemptions", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);

		jdbc.update("UPDATE campaign SET exemptions_allowed = FALSE WHERE id = ?", Campaign.DEFAULT_ID);
		try {
			ResponseEntity<String> notAllowed = request(pm, org, List.of("pc-1"), "r", today);
			assertThat(notAllowed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			assertThat(notAllowed.getBody()).contains("does not allow exemptions");
		}
		finally {
			jdbc.update("UPDATE campaign SET exemptions_allowed = TRUE WHERE id = ?", Campaign.DEFAULT_ID);
		}
		assertThat(json.readTree(pm.getForObject("/api/organisations/" + org + "/exemptions", String.class)))
			.as("nothing was kept").isEmpty();
		assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("phaseout-exemption")
			.processInstanceBusinessKey(org).count()).isZero();
	}

	/** A member of the programme office who is no administrator, as the office's staff are. */
	private TestRestTemplate officer(String userId) {
		org.camunda.bpm.engine.identity.User user = identityService.newUser(userId);
		user.setPassword("a-long-enough-secret");
		identityService.saveUser(user);
		identityService.createMembership(userId, "phaseout-office");
		return http.withBasicAuth(userId, "a-long-enough-secret");
	}

	private Task reviewTask(String org) {
		List<Task> found = await().atMost(Duration.ofSeconds(10)).until(() -> taskService.createTaskQuery()
			.processDefinitionKey("phaseout-exemption")
			.processInstanceBusinessKey(org)
			.taskDefinitionKey("Task_ReviewExemption")
			.list(), tasks -> tasks.size() == 1);
		return found.get(0);
	}

	/** Runs the expiry's timer with the engine's clock set to {@code at}, as the job executor would then. */
	private void expireAt(Job timer, Instant at) {
		ClockUtil.setCurrentTime(Date.from(at));
		try {
			managementService.executeJob(timer.getId());
		}
		catch (ProcessEngineException ex) {
			// the job executor, seeing the same clock, took it first: it expired all the same
		}
		finally {
			ClockUtil.reset();
		}
	}

	private static Instant endOfDayOf(String day) {
		return LocalDate.parse(day).plusDays(1).atStartOfDay(DUTCH).toInstant();
	}

	private ResponseEntity<String> request(TestRestTemplate user, String org, List<String> endpointIds, String reason,
			String until) {
		return post(user, org, body(Campaign.DEFAULT_ID, endpointIds, reason, until));
	}

	private static Map<String, Object> body(String campaignId, List<String> endpointIds, String reason, String until) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("campaignId", campaignId);
		body.put("endpointIds", endpointIds);
		body.put("reason", reason);
		body.put("until", until);
		return body;
	}

	private static ResponseEntity<String> post(TestRestTemplate user, String org, Map<String, Object> body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return user.postForEntity("/api/organisations/" + org + "/exemptions", new HttpEntity<>(body, headers),
				String.class);
	}

	private static ResponseEntity<String> submit(TestRestTemplate user, String taskId, Map<String, Object> values) {
		Map<String, Object> variables = new LinkedHashMap<>();
		values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return user.postForEntity("/engine-rest/task/" + taskId + "/submit-form",
				new HttpEntity<>(Map.of("variables", variables), headers), String.class);
	}

	private static void assertBadRequest(ResponseEntity<String> answer, String detail) {
		assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody()).contains(detail);
	}

}
