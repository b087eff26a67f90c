package nl.phaseout.engine.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.EndToEndTest;

/**
 * {@code /api/campaigns} over HTTP, in the shared application: drafts only (an active campaign
 * would change what every other test's organisations take part in). Every refused definition is
 * a 400 that names its problem and leaves nothing stored or deployed.
 */
class CampaignApiTest extends EndToEndTest {

	@Autowired
	ObjectMapper json;

	@Autowired
	RepositoryService repository;

	@Autowired
	DecisionService decisions;

	@Autowired
	IdentityService identities;

	static String id() {
		return "t-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String windowsDmn() throws Exception {
		return Files.readString(Path.of("bpmn/templates/windows-10-eos-2025-classification.dmn"));
	}

	static Map<String, Object> own(String id, String dmn) {
		Map<String, Object> body = new HashMap<>();
		body.put("id", id);
		body.put("name", "Eigen " + id);
		body.put("decision", Map.of("reference", "Brief 2025", "date", "2025-06-01"));
		body.put("classification", dmn);
		body.put("vendors", List.of("microsoft"));
		body.put("applicability", Map.of("CENTRAL_GOVERNMENT", "MANDATORY", "VITAL_PROVIDER", "MANDATORY",
				"SECURITY_SUPPLIER", "ADVISED", "PROVINCE", "ADVISED", "MUNICIPALITY", "ADVISED", "OTHER",
				"NOT_REQUIRED"));
		body.put("deadlines", Map.of("inventory", "P30D", "completion", "2025-10-14"));
		body.put("exemptions", Map.of("allowed", true, "maxUntil", "2026-10-13", "allowSignOff", false));
		return body;
	}

	ResponseEntity<String> post(Map<String, Object> body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return demo().postForEntity("/api/campaigns", new HttpEntity<>(body, headers), String.class);
	}

	@Test
	void aCampaignFromATemplateIsCreatedAsADraftWithItsDecisionsDeployed() throws Exception {
		String id = id();
		ResponseEntity<String> created = post(Map.of("id", id, "name", "Windows 10 " + id, "template",
				"windows-10-eos-2025", "deadlines", Map.of("inventory", "P30D")));

		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getHeaders().getLocation()).hasToString("/api/campaigns/" + id);
		JsonNode campaign = json.readTree(created.getBody());
		assertThat(campaign.path("status").asText()).isEqualTo("DRAFT");
		assertThat(campaign.path("name").asText()).isEqualTo("Windows 10 " + id);
		assertThat(campaign.path("classificationDecision").asText()).isEqualTo("classification-" + id);
		assertThat(campaign.at("/deadlines/inventory").asText()).isEqualTo("P30D");
		assertThat(campaign.at("/deadlines/completion").asText()).isEqualTo("2025-10-14");
		assertThat(campaign.at("/exemptions/maxUntil").asText()).isEqualTo("2026-10-13");
		assertThat(campaign.at("/applicability/MUNICIPALITY").asText()).isEqualTo("MANDATORY");
		assertThat(campaign.at("/applicability/OTHER").asText()).isEqualTo("ADVISED");
		assertThat(classify("classification-" + id, "windows 10 pro", "os", "disabled")).isEqualTo("BANNED");
		assertThat(classify("classification-" + id, "windows 11 pro", "os", "active")).isEqualTo("ALTERNATIVE");

		JsonNode listed = json.readTree(demo().getForObject("/api/campaigns", String.class));
		assertThat(listed.findValuesAsText("id")).contains(id, "kaspersky-av-2018");
		JsonNode one = json.readTree(demo().getForObject("/api/campaigns/" + id, String.class));
		assertThat(one.path("status").asText()).isEqualTo("DRAFT");
	}

	@Test
	void twoCampaignsMayShareADecisionIdInTheirXmlAndKeepTablesOfTheirOwn() throws Exception {
		String first = id();
		String second = id();
		String dmn = windowsDmn();
		assertThat(post(own(first, dmn)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(post(own(second, dmn.replace("contains(name, \"windows 10\")", "contains(name, \"windows 8\")")))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		assertThat(classify("classification-" + first, "windows 10 pro", "os", "active")).isEqualTo("BANNED");
		assertThat(classify("classification-" + second, "windows 10 pro", "os", "active")).isEqualTo("OTHER");
		assertThat(classify("classification-" + second, "windows 8.1", "os", "active")).isEqualTo("BANNED");
		assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("applicability-" + first).count())
			.isEqualTo(1);
	}

	@Test
	void aDmnThatDoesNotParseIsRefused() {
		refused(own(id(), "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"><decision"),
				"classification is not a DMN document that parses");
	}

	@Test
	void aDecisionWithWrongInputsOrOutputsIsRefused() throws Exception {
		refused(own(id(), windowsDmn().replace("<text>category</text>", "<text>type</text>")),
				"reads 'type', which a product does not have");
		refused(own(id(), windowsDmn().replace("name=\"classification\"", "name=\"result\"")),
				"must have one output named 'classification'");
	}

	@Test
	void anUnknownTemplateIsRefused() {
		refused(Map.of("id", id(), "name", "X", "template", "windows-xp-2014"),
				"template 'windows-xp-2014' is unknown");
	}

	@Test
	void aDeadlineThatIsNeitherADurationNorADateIsRefused() {
		refused(Map.of("id", id(), "name", "X", "template", "windows-10-eos-2025", "deadlines",
				Map.of("plan", "next spring")), "deadlines.plan 'next spring' is neither an ISO-8601 duration");
	}

	@Test
	void anIdInUseIsRefused() {
		refused(Map.of("id", "kaspersky-av-2018", "name", "Again", "template", "kaspersky-av-2018"),
				"id 'kaspersky-av-2018' is in use");
	}

	@Test
	void invalidCategoriesApplicabilityIdsAndMissingNamesAreRefused() throws Exception {
		Map<String, Object> categories = own(id(), windowsDmn());
		categories.put("applicability", Map.of("CITY", "MANDATORY", "OTHER", "MAYBE"));
		refused(categories, "'CITY' is not an organisation category");
		refused(Map.of("template", "windows-10-eos-2025", "name", "X"), "id is required");
		refused(Map.of("id", "Has Spaces", "template", "windows-10-eos-2025"), "must be 1 to 64 lower-case");
		Map<String, Object> nameless = own(id(), windowsDmn());
		nameless.remove("name");
		refused(nameless, "name is required");
	}

	@Test
	void whatOnlyCamundaRefusesAtDeploymentIsA400AndLeavesNothing() throws Exception {
		refused(own(id(), windowsDmn().replace("camunda:historyTimeToLive=\"P180D\"",
				"camunda:historyTimeToLive=\"eternity\"")), "Camunda refused to deploy the classification");
	}

	@Test
	void aProgrammeOfficeMemberWhoIsNoAdministratorCreatesAndActivatesNothingElse() throws Exception {
		User member = identities.newUser("office" + UUID.randomUUID().toString().substring(0, 8));
		member.setPassword("a-long-enough-secret");
		identities.saveUser(member);
		identities.createMembership(member.getId(), "phaseout-office");
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		String id = id();

		ResponseEntity<String> created = http.withBasicAuth(member.getId(), "a-long-enough-secret")
			.postForEntity("/api/campaigns", new HttpEntity<>(own(id, windowsDmn()), headers), String.class);

		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(json.readTree(created.getBody()).at("/applicability/PROVINCE").asText()).isEqualTo("ADVISED");
	}

	@Test
	void projectManagersMayNotCreateCampaigns() {
		User pm = identities.newUser("pm" + UUID.randomUUID().toString().substring(0, 8));
		pm.setPassword("a-long-enough-secret");
		identities.saveUser(pm);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		String id = id();

		ResponseEntity<String> answer = http.withBasicAuth(pm.getId(), "a-long-enough-secret")
			.postForEntity("/api/campaigns", new HttpEntity<>(Map.of("id", id, "name", "X", "template",
					"windows-10-eos-2025"), headers), String.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(demo().getForEntity("/api/campaigns/" + id, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void projectManagersReadTheCampaignsButNotTheirProgressNorChangeThem() throws Exception {
		User pm = identities.newUser("pm" + UUID.randomUUID().toString().substring(0, 8));
		pm.setPassword("a-long-enough-secret");
		identities.saveUser(pm);
		var asPm = http.withBasicAuth(pm.getId(), "a-long-enough-secret");
		String id = id();
		assertThat(post(Map.of("id", id, "name", "Leesbaar", "template", "windows-10-eos-2025")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		ResponseEntity<String> list = asPm.getForEntity("/api/campaigns", String.class);
		ResponseEntity<String> one = asPm.getForEntity("/api/campaigns/" + id, String.class);

		assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(list.getBody()).contains("\"" + id + "\"");
		assertThat(one.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json.readTree(one.getBody()).path("exemptions").path("allowed").asBoolean()).isTrue();
		assertThat(asPm.getForEntity("/api/campaigns/" + id + "/progress", String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(asPm.postForEntity("/api/campaigns/" + id + "/activate", null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(json.readTree(demo().getForEntity("/api/campaigns/" + id, String.class).getBody())
			.path("status").asText()).isEqualTo("DRAFT");
	}

	@Test
	void aClosedDraftIsNotActivated() throws Exception {
		String id = id();
		assertThat(post(Map.of("id", id, "name", "Kort", "template", "windows-10-eos-2025")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		ResponseEntity<String> closed = demo().postForEntity("/api/campaigns/" + id + "/close", null, String.class);
		ResponseEntity<String> activated = demo().postForEntity("/api/campaigns/" + id + "/activate", null,
				String.class);

		assertThat(json.readTree(closed.getBody()).path("status").asText()).isEqualTo("CLOSED");
		assertThat(activated.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(activated.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat(json.readTree(activated.getBody()).path("detail").asText()).contains("is closed");
		assertThat(demo().postForEntity("/api/campaigns/nope-" + id + "/activate", null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	private void refused(Map<String, Object> body, String detail) {
		long deployments = repository.createDeploymentQuery().count();
		ResponseEntity<String> answer = post(body);

		assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		try {
			assertThat(json.readTree(answer.getBody()).path("detail").asText()).contains(detail);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
		Object id = body.get("id");
		if (id instanceof String campaignId && !"kaspersky-av-2018".equals(campaignId)) {
			assertThat(demo().getForEntity("/api/campaigns/" + campaignId, String.class).getStatusCode())
				.as("nothing stored").isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(repository.createDecisionDefinitionQuery()
				.decisionDefinitionKeyLike("%-" + campaignId)
				.count()).as("nothing deployed").isZero();
		}
		assertThat(repository.createDeploymentQuery().count()).as("no deployment").isEqualTo(deployments);
	}

	private String classify(String key, String name, String category, String state) {
		return decisions.evaluateDecisionByKey(key)
			.variables(Variables.createVariables()
				.putValue("vendor", "microsoft corporation")
				.putValue("name", name)
				.putValue("version", null)
				.putValue("category", category)
				.putValue("state", state))
			.evaluate()
			.getSingleResult()
			.getEntry("classification");
	}

}
