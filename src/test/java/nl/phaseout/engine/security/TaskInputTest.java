package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.process.Milestone;
import nl.phaseout.engine.process.ProcessConstants;

/**
 * Threat (issue 19): a project manager ({@code jan} of {@code MIN-JENV} in the dev profile, with the
 * grants every project manager has) completes their own task with extra variables
 * ({@code organisationId}, {@code pmGroup}, {@code organisationName}, {@code bannedVendors},
 * {@code deadline_*}) and so drives another organisation to PHASED_OUT, moves its next task to
 * another group or puts markup in a task's name; or sets variables another way (task and process
 * variables, modification, messages, signals), on {@code /engine-rest} or the webapps' engine API
 * with a Tasklist session. Completion may set only the input fields of the task's form (400 for
 * anything else, nothing changes); every other write is for administrators (403), the same answer
 * for a business key that exists and one that does not.
 */
@Tag("security")
@Tag("e2e")
class TaskInputTest extends SecurityTest {

	private static final String WEBAPP = "/camunda/api/engine/engine/default";

	/** The demo project manager of {@link #JENV}, whose password is his user id. */
	static final String JAN = "jan";

	static final String JENV = "MIN-JENV";

	/** The fields of the form of Task_ReviewContracts, jan's task. */
	private static final List<String> REVIEW_FIELDS = List.of("runningContract", "contractEndDate", "noticePeriodDays",
			"terminationRequested", "contractRemarks");

	@Autowired
	TaskService taskService;

	@Autowired
	RuntimeService runtimeService;

	String attacker;

	String victim;

	String pm;

	@BeforeEach
	void jansTaskAndAnotherOrganisation() throws Exception {
		attacker = JENV;
		victim = uniqueId("VIC");
		ResponseEntity<String> created = register(Map.of("id", victim, "name", "Organisatie " + victim, "category",
				"VITAL_PROVIDER", "pmGroup", pmGroup(victim)));
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		pm = JAN;
		openTask(attacker);
		openTask(victim);
	}

	/** One REST surface: {@code /engine-rest} with Basic, or the webapps' engine API with a Tasklist session. */
	interface Surface {

		ResponseEntity<String> send(HttpMethod method, String path, Object body);

	}

	Surface engineRest() {
		return engineRest(pm);
	}

	Surface tasklist() {
		return tasklist(pm);
	}

	/** The project manager, and a member of the programme office, whose grants let Camunda itself allow more. */
	List<Surface> everySurface() {
		String office = user(OFFICE);
		return List.of(engineRest(pm), tasklist(pm), engineRest(office), tasklist(office));
	}

	Surface engineRest(String user) {
		return (method, path, body) -> http.withBasicAuth(user, password(user)).exchange("/engine-rest" + path, method,
				new HttpEntity<>(body, jsonHeaders()), String.class);
	}

	Surface tasklist(String user) {
		WebappLogin login = WebappLogin.tasklist(http, user, password(user));
		return (method, path, body) -> http.exchange(WEBAPP + path, method, new HttpEntity<>(body, login.headers()),
				String.class);
	}

	@Test
	void completingOwnTaskCannotMoveAnotherOrganisation() throws Exception {
		for (Surface surface : List.of(engineRest(), tasklist())) {
			String task = openTask(attacker);
			Map<String, Object> variables = values(Map.of("runningContract", false, "organisationId", victim,
					"pmGroup", pmGroup(victim), "organisationName", "![x](https://evil.example) <img src=x>"));
			JsonNode before = organisation(victim);

			for (String endpoint : List.of("/complete", "/submit-form")) {
				ResponseEntity<String> refused = surface.send(HttpMethod.POST, "/task/" + task + endpoint,
						Map.of("variables", variables));

				assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
				assertProblem(refused);
				assertThat(body(refused).path("detail").asText()).contains("organisationId", "organisationName",
						"pmGroup");
			}
			assertThat(openTask(attacker)).as("nothing changed").isEqualTo(task);
			assertThat(organisation(victim)).isEqualTo(before);
		}
	}

	@Test
	void theFormsFieldsStillCompleteTheTask() throws Exception {
		String own = uniqueId("OWN");
		assertThat(register(Map.of("id", own, "name", "Organisatie " + own, "category", "VITAL_PROVIDER", "pmGroup",
				pmGroup(own))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String task = openTask(own);

		ResponseEntity<String> done = tasklist(user(pmGroup(own))).send(HttpMethod.POST, "/task/" + task + "/submit-form",
				Map.of("variables", values(Map.of("phaseOut", false, "rationale", "geen Kaspersky meer"))));

		assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(organisation(own)
			.at("/campaigns/0/phase").asText()).isEqualTo("DECLINED"));
	}

	@Test
	void everyVariableTheProcessUsesIsRefusedOnCompletion() throws Exception {
		Set<String> names = processVariables();
		assertThat(names).contains("organisationId", "campaignId", "pmGroup", "organisationName", "bannedVendors",
				"deadline_completion", "evidenceBanned", "scanVerdict", "phase", "completedByEvent",
				"applicabilityDecisionKey", "deadline");
		JsonNode victimBefore = organisation(victim);
		JsonNode recordBefore = record(victim);
		for (Surface surface : List.of(engineRest(), tasklist())) {
			String task = openTask(attacker);
			for (String name : names) {
				if (REVIEW_FIELDS.contains(name)) {
					continue; // the fields of this task's form
				}
				for (String endpoint : List.of("/complete", "/submit-form")) {
					Map<String, Object> variables = values(Map.of("runningContract", false));
					variables.put(name, Map.of("value", victim));

					ResponseEntity<String> refused = surface.send(HttpMethod.POST, "/task/" + task + endpoint,
							Map.of("variables", variables));

					assertThat(refused.getStatusCode()).as("%s %s: %s", name, endpoint, refused.getBody())
						.isEqualTo(HttpStatus.BAD_REQUEST);
					assertThat(body(refused).path("detail").asText()).contains(name);
				}
			}
			assertThat(openTask(attacker)).isEqualTo(task);
		}
		assertThat(organisation(victim)).isEqualTo(victimBefore);
		assertThat(record(victim)).isEqualTo(recordBefore);
		assertThat(organisation(attacker).at("/campaigns/0/phase").asText()).isEqualTo("CONTRACT_REVIEW");
	}

	@Test
	void noOtherWayToSetVariablesIsOpenToAProjectManager() throws Exception {
		JsonNode victimBefore = organisation(victim);
		JsonNode recordBefore = record(victim);
		String victimInstance = instance(victim);
		for (Surface surface : everySurface()) {
			String task = openTask(attacker);
			String own = instance(attacker);
			Map<String, Object> value = Map.of("value", victim);
			Map<String, Object> modifications = Map.of("modifications", Map.of("organisationId", value));
			Map<String, ResponseEntity<String>> attempts = new LinkedHashMap<>();
			attempts.put("task variable", surface.send(HttpMethod.PUT, "/task/" + task + "/variables/organisationId", value));
			attempts.put("task variables", surface.send(HttpMethod.POST, "/task/" + task + "/variables", modifications));
			attempts.put("task local variable",
					surface.send(HttpMethod.PUT, "/task/" + task + "/localVariables/organisationId", value));
			attempts.put("task local variables",
					surface.send(HttpMethod.POST, "/task/" + task + "/localVariables", modifications));
			attempts.put("process variable",
					surface.send(HttpMethod.PUT, "/process-instance/" + own + "/variables/organisationId", value));
			attempts.put("process variables",
					surface.send(HttpMethod.POST, "/process-instance/" + own + "/variables", modifications));
			attempts.put("execution local variable",
					surface.send(HttpMethod.PUT, "/execution/" + own + "/localVariables/organisationId", value));
			attempts.put("modification", surface.send(HttpMethod.POST, "/process-instance/" + own + "/modification",
					Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "End_PhasedOut")))));
			attempts.put("message with variables", surface.send(HttpMethod.POST, "/message",
					Map.of("messageName", "InventoryChanged", "businessKey", attacker, "processVariables",
							Map.of("organisationId", value))));
			attempts.put("message", surface.send(HttpMethod.POST, "/message",
					Map.of("messageName", "InventoryChanged", "businessKey", victim)));
			attempts.put("signal with variables", surface.send(HttpMethod.POST, "/signal",
					Map.of("name", "anything", "variables", Map.of("organisationId", value))));
			attempts.put("resolve with variables", surface.send(HttpMethod.POST, "/task/" + task + "/resolve",
					Map.of("variables", Map.of("organisationId", value))));
			attempts.put("start", surface.send(HttpMethod.POST, "/process-definition/key/phaseout-organisation/start",
					Map.of("businessKey", victim, "variables", Map.of("organisationId", value))));

			assertThat(attempts).allSatisfy((what, response) -> {
				assertThat(response.getStatusCode()).as("%s: %s", what, response.getBody())
					.isEqualTo(HttpStatus.FORBIDDEN);
				assertThat(response.getBody()).as(what).doesNotContain(victimInstance);
			});
			assertThat(openTask(attacker)).isEqualTo(task);
			assertThat(runtimeService.getVariable(own, "organisationId")).isEqualTo(attacker);
		}
		assertThat(organisation(victim)).isEqualTo(victimBefore);
		assertThat(record(victim)).isEqualTo(recordBefore);
	}

	@Test
	void messageCorrelationTellsNothingAboutOtherOrganisations() throws Exception {
		String victimInstance = instance(victim);
		for (Surface surface : everySurface()) {
			ResponseEntity<String> known = surface.send(HttpMethod.POST, "/message",
					Map.of("messageName", "InventoryChanged", "businessKey", victim, "all", true));
			ResponseEntity<String> unknown = surface.send(HttpMethod.POST, "/message",
					Map.of("messageName", "InventoryChanged", "businessKey", uniqueId("NONE"), "all", true));

			assertThat(known.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(known.getBody()).doesNotContain(victimInstance).isEqualTo(unknown.getBody());
		}
	}

	@Test
	void anAdministratorMaySetVariables() {
		String own = instance(attacker);

		ResponseEntity<String> set = demo().exchange("/engine-rest/process-instance/" + own + "/variables/note",
				HttpMethod.PUT, new HttpEntity<>(Map.of("value", "admin"), jsonHeaders()), String.class);

		assertThat(set.getStatusCode()).as(set.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	/** Every variable of ProcessConstants.Var, each deadline, each name an expression in the BPMN reads. */
	static Set<String> processVariables() throws IOException, IllegalAccessException {
		Set<String> names = new TreeSet<>();
		for (Field field : ProcessConstants.Var.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				names.add((String) field.get(null));
			}
		}
		Milestone.deadlines().forEach(deadline -> names.add(ProcessConstants.Var.deadline(deadline)));
		String bpmn = Files.readString(Path.of("bpmn/phaseout-organisation.bpmn"));
		Matcher expression = Pattern.compile("\\$\\{([^}]*)}").matcher(bpmn);
		while (expression.find()) {
			Matcher identifier = Pattern.compile("(?<![.'\\w])([A-Za-z_]\\w*)").matcher(expression.group(1));
			while (identifier.find()) {
				names.add(identifier.group(1));
			}
		}
		// variables of earlier versions of the process, and set by the engine's own code
		names.addAll(List.of("completedByEvent", "adviceRationale", "bannedVendors", "applicabilityDecisionKey"));
		names.removeAll(List.of("true", "false", "null", "empty", "not", "and", "or", "eq", "ne"));
		return names;
	}

	private static Map<String, Object> values(Map<String, Object> plain) {
		Map<String, Object> variables = new LinkedHashMap<>();
		plain.forEach((name, value) -> variables.put(name, Map.of("value", value)));
		return variables;
	}

	/**
	 * The organisation's open task: for {@link #JENV} its contract review, which a manual upload with
	 * the banned product opens when the organisation still waits for its baseline.
	 */
	String openTask(String org) {
		if (JENV.equals(org) && reviewOf(org) == null) {
			ResponseEntity<String> upload = demo().postForEntity("/api/organisations/" + org + "/inventory",
					new HttpEntity<>("endpointId,vendor,name,version,category,state\n"
							+ "jenv-pc-1,Kaspersky,Kaspersky Endpoint Security,11.11,antivirus,active\n", csvHeaders()),
					String.class);
			assertThat(upload.getStatusCode()).as(upload.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		}
		String[] id = new String[1];
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Task task = JENV.equals(org) ? reviewOf(org)
					: taskService.createTaskQuery().processInstanceBusinessKey(org).singleResult();
			assertThat(task).as("open task of %s", org).isNotNull();
			id[0] = task.getId();
		});
		return id[0];
	}

	private Task reviewOf(String org) {
		return taskService.createTaskQuery().processInstanceBusinessKey(org).taskDefinitionKey("Task_ReviewContracts")
			.singleResult();
	}

	private static HttpHeaders csvHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(org.springframework.http.MediaType.parseMediaType("text/csv"));
		return headers;
	}

	static String password(String user) {
		return JAN.equals(user) ? JAN : PASSWORD;
	}

	private String instance(String org) {
		return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(org).singleResult().getId();
	}

	private JsonNode record(String org) throws Exception {
		return json.readTree(demo().getForObject("/api/organisations/" + org + "/record", String.class));
	}

}
