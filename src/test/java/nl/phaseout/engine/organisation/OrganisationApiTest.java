package nl.phaseout.engine.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.EndToEndTest;

class OrganisationApiTest extends EndToEndTest {

	private static final String PASSWORD = "project-manager-passphrase";

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	IdentityService identityService;

	@Autowired
	ObjectMapper json;

	@Test
	void registeringStartsOneProcessPerCampaign() throws Exception {
		String id = uniqueId("MIN");
		ResponseEntity<String> created = post(Map.of("id", id, "name", "Ministerie van Testzaken", "category",
				"CENTRAL_GOVERNMENT"));

		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getHeaders().getLocation()).hasToString("/api/organisations/" + id);
		JsonNode body = json.readTree(created.getBody());
		assertThat(body.path("pmGroup").asText()).isEqualTo("pm-" + id.toLowerCase());
		assertThat(body.path("campaigns")).hasSize(1);
		JsonNode campaign = body.path("campaigns").get(0);
		assertThat(campaign.path("campaignId").asText()).isEqualTo("kaspersky-av-2018");
		assertThat(campaign.path("applicability").asText()).isEqualTo("MANDATORY");
		assertThat(campaign.path("phase").asText()).isEqualTo("INVENTORY");
		assertThat(campaign.path("endpoints").path("total").asLong()).isZero();
		assertThat(campaign.path("deadlines").has("inventory")).isTrue();
		assertThat(runtimeService.createProcessInstanceQuery()
			.processDefinitionKey("phaseout-organisation")
			.processInstanceBusinessKey(id)
			.count()).isEqualTo(1);
		assertThat(identityService.createGroupQuery().groupId("pm-" + id.toLowerCase()).count()).isEqualTo(1);
	}

	@Test
	void registeringTheSameIdTwiceIsAConflictAndNeverASecondProcess() {
		String id = uniqueId("DUP");
		Map<String, String> organisation = Map.of("id", id, "name", "Twice", "category", "CENTRAL_GOVERNMENT");
		assertThat(post(organisation).getStatusCode()).isEqualTo(HttpStatus.CREATED);

		ResponseEntity<String> again = post(organisation);

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		assertThat(again.getBody()).contains("already registered");
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
	}

	@Test
	void invalidInputIsABadRequestThatSaysWhatIsWrong() {
		ResponseEntity<String> badCategory = post(Map.of("id", uniqueId("BAD"), "name", "X", "category", "CITY"));
		assertThat(badCategory.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(badCategory.getBody()).contains("category 'CITY' is not one of CENTRAL_GOVERNMENT");

		ResponseEntity<String> missing = post(Map.of("category", "PROVINCE"));
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(missing.getBody()).contains("id is required").contains("name is required");

		ResponseEntity<String> notJson = demo().postForEntity("/api/organisations",
				new HttpEntity<>("{\"id\": ", jsonHeaders()), String.class);
		assertThat(notJson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(notJson.getBody()).contains("could not be read as JSON");
	}

	@Test
	void csvImportRegistersValidRowsAndReportsTheOthersByLine() throws Exception {
		String a = uniqueId("CSV");
		String b = uniqueId("CSV");
		String csv = "id,name,category,pmGroup\n" + a + ",\"Gemeente \"\"Test\"\", Noord\",MUNICIPALITY,\n"
				+ "," + "No id,PROVINCE,\n" + b + ",Waterschap,OTHER,pm-shared-water\n" + a + ",Again,MUNICIPALITY,\n"
				+ "X1,Too\n";
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));

		ResponseEntity<String> response = demo().postForEntity("/api/organisations/import",
				new HttpEntity<>(csv, headers), String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode result = json.readTree(response.getBody());
		assertThat(result.path("imported").asInt()).isEqualTo(2);
		assertThat(result.path("rejected").asInt()).isEqualTo(3);
		JsonNode rows = result.path("rows");
		assertThat(rows.get(0).path("line").asInt()).isEqualTo(2);
		assertThat(rows.get(0).path("status").asText()).isEqualTo("CREATED");
		assertThat(rows.get(1).path("line").asInt()).isEqualTo(3);
		assertThat(rows.get(1).path("reason").asText()).contains("id is required");
		assertThat(rows.get(3).path("reason").asText()).isEqualTo("already registered (line 2)");
		assertThat(rows.get(4).path("reason").asText()).isEqualTo("expected 3 or 4 fields, found 2");
		JsonNode first = json.readTree(demo().getForObject("/api/organisations/" + a, String.class));
		assertThat(first.path("name").asText()).isEqualTo("Gemeente \"Test\", Noord");
		JsonNode second = json.readTree(demo().getForObject("/api/organisations/" + b, String.class));
		assertThat(second.path("pmGroup").asText()).isEqualTo("pm-shared-water");
	}

	@Test
	void anOrganisationVerifiesByScanUnlessRegisteredToVerifyRolling() throws Exception {
		String byScan = uniqueId("SCAN");
		String rolling = uniqueId("ROLL");
		assertThat(post(Map.of("id", byScan, "name", "Scan", "category", "CENTRAL_GOVERNMENT")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(post(Map.of("id", rolling, "name", "Rolling", "category", "CENTRAL_GOVERNMENT", "verification",
				"rolling")).getStatusCode()).isEqualTo(HttpStatus.CREATED);

		ResponseEntity<String> weekly = post(Map.of("id", uniqueId("BAD"), "name", "X", "category", "OTHER",
				"verification", "weekly"));

		assertThat(json.readTree(demo().getForObject("/api/organisations/" + byScan, String.class))
			.path("verification").asText()).isEqualTo("scan");
		assertThat(json.readTree(demo().getForObject("/api/organisations/" + rolling, String.class))
			.path("verification").asText()).isEqualTo("rolling");
		assertThat(weekly.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(weekly.getBody()).contains("verification 'weekly' is not one of scan, rolling");

		String fromCsv = uniqueId("CSVR");
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		ResponseEntity<String> imported = demo().postForEntity("/api/organisations/import",
				new HttpEntity<>("id,name,category,verification\n" + fromCsv + ",Via CSV,OTHER,rolling\n", headers),
				String.class);
		assertThat(json.readTree(imported.getBody()).path("imported").asInt()).as(imported.getBody()).isEqualTo(1);
		assertThat(json.readTree(demo().getForObject("/api/organisations/" + fromCsv, String.class))
			.path("verification").asText()).isEqualTo("rolling");
	}

	@Test
	void csvRowOfAnAlreadyRegisteredOrganisationIsRejectedAndTheRestOfItsChunkImported() throws Exception {
		String existing = uniqueId("OLD");
		post(Map.of("id", existing, "name", "Registered before", "category", "OTHER"));
		StringBuilder csv = new StringBuilder("id,name,category\n");
		String prefix = uniqueId("BULK");
		for (int i = 0; i < 150; i++) {
			csv.append(i == 120 ? existing : prefix + "-" + i).append(",Organisation ").append(i).append(",OTHER\n");
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));

		JsonNode result = json.readTree(demo()
			.postForEntity("/api/organisations/import", new HttpEntity<>(csv.toString(), headers), String.class)
			.getBody());

		assertThat(result.path("imported").asInt()).isEqualTo(149);
		assertThat(result.path("rejected").asInt()).isEqualTo(1);
		JsonNode rejected = result.path("rows").get(120);
		assertThat(rejected.path("line").asInt()).isEqualTo(122);
		assertThat(rejected.path("id").asText()).isEqualTo(existing);
		assertThat(rejected.path("reason").asText()).isEqualTo("already registered");
		assertThat(json.readTree(demo().getForObject("/api/organisations/" + existing, String.class)).path("name")
			.asText()).isEqualTo("Registered before");
		// Its chunk was registered row by row after the conflict: the rows beside it are there.
		assertThat(json.readTree(demo().getForObject("/api/organisations/" + prefix + "-119", String.class))
			.at("/campaigns/0/phase")
			.asText()).isEqualTo("NOT_REQUIRED");
	}

	@Test
	void aProjectManagerSeesTheirOwnOrganisationOnly() {
		String own = uniqueId("OWN");
		String other = uniqueId("OTHER");
		post(Map.of("id", own, "name", "Own", "category", "CENTRAL_GOVERNMENT"));
		post(Map.of("id", other, "name", "Other", "category", "CENTRAL_GOVERNMENT"));
		String pm = "pm" + UUID.randomUUID().toString().substring(0, 8);
		User user = identityService.newUser(pm);
		user.setPassword(PASSWORD);
		identityService.saveUser(user);
		identityService.createMembership(pm, "pm-" + own.toLowerCase());

		assertThat(http.withBasicAuth(pm, PASSWORD).getForEntity("/api/organisations/" + own, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<String> hidden = http.withBasicAuth(pm, PASSWORD)
			.getForEntity("/api/organisations/" + other, String.class);
		assertThat(hidden.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(hidden.getBody()).doesNotContain("pm-" + other.toLowerCase());
		assertThat(http.withBasicAuth(pm, PASSWORD)
			.postForEntity("/api/organisations", new HttpEntity<>(Map.of("id", "X", "name", "X", "category", "OTHER"),
					jsonHeaders()), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void unknownOrganisationIsNotFound() {
		ResponseEntity<String> response = demo().getForEntity("/api/organisations/NOPE-" + UUID.randomUUID(),
				String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).contains("No organisation is registered");
	}

	@Test
	void progressCountsOrganisationsByPhaseAndCategory() throws Exception {
		post(Map.of("id", uniqueId("PRG"), "name", "Gemeente", "category", "MUNICIPALITY"));
		post(Map.of("id", uniqueId("PRG"), "name", "Ministerie", "category", "CENTRAL_GOVERNMENT"));

		JsonNode progress = json
			.readTree(demo().getForObject("/api/campaigns/kaspersky-av-2018/progress", String.class));

		long organisations = progress.path("organisations").asLong();
		assertThat(organisations).isGreaterThanOrEqualTo(2);
		long sumByPhase = 0;
		for (JsonNode count : (Iterable<JsonNode>) progress.path("byPhase")::elements) {
			sumByPhase += count.asLong();
		}
		assertThat(sumByPhase).isEqualTo(organisations);
		assertThat(progress.path("byCategory").path("MUNICIPALITY").path("NOT_REQUIRED").asLong()).isPositive();
		assertThat(progress.path("byCategory").path("CENTRAL_GOVERNMENT").path("INVENTORY").asLong()).isPositive();
		assertThat(progress.path("endpoints").has("banned")).isTrue();
		assertThat(progress.has("overdue")).isTrue();
		assertThat(demo().getForEntity("/api/campaigns/unknown/progress", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	private ResponseEntity<String> post(Map<String, String> body) {
		return demo().postForEntity("/api/organisations", new HttpEntity<>(body, jsonHeaders()), String.class);
	}

	private static HttpHeaders jsonHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		return headers;
	}

	private static String uniqueId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

}
