package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.phaseout.engine.tags.EndToEnd;

/**
 * Campaigns created from each shipped template through the API, activated, and an organisation
 * walked through each to its end by inventory events over the real broker and its project manager's
 * tasks over Camunda REST; organisations registered before activation join in the background, those
 * registered after join at registration; a closed campaign starts nothing, ends its processes and
 * keeps its records. An application of its own (campaigns activated here would change what the
 * shared one's tests see): its engine has a name of its own and no webapps, as in NotificationMailTest.
 */
@EndToEnd
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.process-engine-name=campaigns", "camunda.bpm.webapp.enabled=false",
				"phaseout.kafka.embedded.port=0", "phaseout.inventory.trusted-sources=/test/*",
				"phaseout.demo-stale-after=P14D" })
class CampaignJourneyTest {

	private static final Path DATA_DIR = createDataDir();

	private static final String ENGINE_REST = "/engine-rest/engine/campaigns";

	private static final String WINDOWS = "windows-10-nl";

	private static final String KASPERSKY = "kaspersky-again";

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identities;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	ObjectMapper json;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	Organisations organisations;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("phaseout.data-dir", DATA_DIR::toString);
	}

	@BeforeEach
	void organisations() {
		organisations = new Organisations(http, office(), identities, json);
	}

	TestRestTemplate office() {
		return http.withBasicAuth("demo", "demo");
	}

	@Test
	@Order(1)
	void windowsTemplateWalksAnOrganisationRegisteredBeforeActivationToItsEnd() throws Exception {
		String org = Organisations.newId("GEM");
		organisations.register(org, "MUNICIPALITY");
		assertThat(campaign(org, WINDOWS)).as("not in a draft").isNull();

		create(Map.of("id", WINDOWS, "name", "Uitfasering Windows 10", "template", "windows-10-eos-2025",
				"deadlines", Map.of("inventory", "P30D")));
		ResponseEntity<String> activated = office().postForEntity("/api/campaigns/" + WINDOWS + "/activate", null,
				String.class);
		assertThat(activated.getStatusCode()).as(activated.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(json.readTree(activated.getBody()).path("organisationsToJoin").asLong()).isPositive();
		awaitPhase(org, WINDOWS, "INVENTORY");
		assertThat(campaign(org, WINDOWS).path("applicability").asText()).isEqualTo("MANDATORY");
		assertThat(campaign(org, "kaspersky-av-2018").path("phase").asText()).isEqualTo("NOT_REQUIRED");

		TestRestTemplate pm = organisations.projectManagerOf(org);
		Instant t0 = Instant.now().minusSeconds(3600);
		try (Integration intune = new Integration(bootstrapServers, "/test/intune");
				Integration procurement = new Integration(bootstrapServers, "/test/procurement")) {
			intune.observed(org, "pc-1", t0, List.of(os("Windows 10 Pro", "active")));
			intune.observed(org, "pc-2", t0, List.of(os("Windows 11 Pro", "active")));
			intune.scanCompleted(org, "scan-1", t0.plusSeconds(60), 2);
			awaitPhase(org, WINDOWS, "CONTRACT_REVIEW");
			assertThat(campaign(org, WINDOWS).at("/endpoints/banned").asLong()).isEqualTo(1);
			assertThat(campaign(org, WINDOWS).at("/endpoints/protected").asLong()).isEqualTo(1);

			complete(pm, org, WINDOWS, "Task_ReviewContracts", Map.of("runningContract", "true", "contractEndDate",
					"2025-12-31", "noticePeriodDays", 30, "terminationRequested", true));
			procurement.alternativeSelected(org, "Microsoft", "Windows 11 Enterprise", t0.plusSeconds(120));
			procurement.contractTerminated(org, "Microsoft Corporation", "W10-ESU", t0.plusSeconds(130));
			awaitPhase(org, WINDOWS, "ROLLOUT");

			intune.observed(org, "pc-1", t0.plusSeconds(400), List.of(os("Windows 11 Pro", "active")));
			awaitPhase(org, WINDOWS, "VERIFICATION");
			intune.scanCompleted(org, "scan-2", Instant.now().plusSeconds(1), 2);
			complete(pm, org, WINDOWS, "Task_SignOffVerification", Map.of("signOff", true, "signOffNote", "alles 11"));
			awaitPhase(org, WINDOWS, "PHASED_OUT");
		}
		assertThat(record(org, WINDOWS)).contains("PHASED_OUT");
	}

	@Test
	@Order(2)
	void kasperskyTemplateWalksAnOrganisationToItsEnd() throws Exception {
		create(Map.of("id", KASPERSKY, "name", "Kaspersky, opnieuw", "template", "kaspersky-av-2018"));
		assertThat(office().postForEntity("/api/campaigns/" + KASPERSKY + "/activate", null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String org = Organisations.newId("MIN");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		awaitPhase(org, KASPERSKY, "INVENTORY");

		TestRestTemplate pm = organisations.projectManagerOf(org);
		Instant t0 = Instant.now().minusSeconds(3600);
		try (Integration intune = new Integration(bootstrapServers, "/test/intune");
				Integration procurement = new Integration(bootstrapServers, "/test/procurement")) {
			intune.observed(org, "pc-1", t0, List.of(Integration.kasperskyAv("active"), os("Windows 11 Pro", "active")));
			intune.observed(org, "pc-2", t0, List.of(Integration.defender("active"), os("Windows 11 Pro", "active")));
			intune.scanCompleted(org, "scan-1", t0.plusSeconds(60), 2);
			awaitPhase(org, KASPERSKY, "CONTRACT_REVIEW");
			complete(pm, org, KASPERSKY, "Task_ReviewContracts", Map.of("runningContract", "true", "contractEndDate",
					"2026-12-31", "noticePeriodDays", 90, "terminationRequested", true));
			procurement.alternativeSelected(org, "Microsoft", "Defender for Endpoint", t0.plusSeconds(120));
			procurement.contractTerminated(org, "Kaspersky", "K-1", t0.plusSeconds(130));
			awaitPhase(org, KASPERSKY, "ROLLOUT");
			intune.observed(org, "pc-1", t0.plusSeconds(400),
					List.of(Integration.defender("active"), os("Windows 11 Pro", "active")));
			awaitPhase(org, KASPERSKY, "VERIFICATION");
			intune.scanCompleted(org, "scan-2", Instant.now().plusSeconds(1), 2);
			complete(pm, org, KASPERSKY, "Task_SignOffVerification", Map.of("signOff", true, "signOffNote", "schoon"));
			awaitPhase(org, KASPERSKY, "PHASED_OUT");
		}
		assertThat(campaign(org, WINDOWS).path("applicability").asText()).as("registered later, joined every active"
				+ " campaign").isEqualTo("MANDATORY");
	}

	@Test
	@Order(3)
	void aClosedCampaignEndsItsProcessesStartsNothingAndKeepsItsRecords() throws Exception {
		String joined = Organisations.newId("PROV");
		organisations.register(joined, "PROVINCE");
		awaitPhase(joined, WINDOWS, "INVENTORY");
		String processInstanceId = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(joined)
			.list()
			.stream()
			.filter(instance -> WINDOWS.equals(runtime.getVariable(instance.getId(), "campaignId")))
			.findFirst()
			.orElseThrow()
			.getId();

		ResponseEntity<String> closed = office().postForEntity("/api/campaigns/" + WINDOWS + "/close", null,
				String.class);

		assertThat(json.readTree(closed.getBody()).path("status").asText()).isEqualTo("CLOSED");
		await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
			.processInstanceId(processInstanceId).count() == 0);
		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
			.getDeleteReason()).isEqualTo("campaign closed");
		assertThat(campaign(joined, WINDOWS).path("phase").asText()).as("the phase it had").isEqualTo("INVENTORY");
		assertThat(record(joined, WINDOWS)).contains("CAMPAIGN_CLOSED");
		assertThat(office().getForEntity("/api/campaigns/" + WINDOWS + "/progress", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);

		String later = Organisations.newId("GEM");
		organisations.register(later, "MUNICIPALITY");
		assertThat(campaign(later, WINDOWS)).as("a closed campaign starts nothing").isNull();
		assertThat(campaign(later, KASPERSKY)).isNotNull();
		assertThat(office().postForEntity("/api/campaigns/" + WINDOWS + "/activate", null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	private static Map<String, Object> os(String name, String state) {
		return Integration.product("Microsoft Corporation", name, "os", state);
	}

	private void create(Map<String, Object> body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> created = office().postForEntity("/api/campaigns", new HttpEntity<>(body, headers),
				String.class);
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
	}

	/** The organisation's participation in the campaign, or null. */
	private JsonNode campaign(String org, String campaignId) throws Exception {
		for (JsonNode campaign : organisations.view(org).path("campaigns")) {
			if (campaign.path("campaignId").asText().equals(campaignId)) {
				return campaign;
			}
		}
		return null;
	}

	private void awaitPhase(String org, String campaignId, String phase) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode campaign = campaign(org, campaignId);
			assertThat(campaign).as("%s in %s", org, campaignId).isNotNull();
			assertThat(campaign.path("phase").asText()).isEqualTo(phase);
		});
	}

	private String record(String org, String campaignId) {
		return office().getForObject("/api/organisations/" + org + "/record?campaignId=" + campaignId, String.class);
	}

	/** Completes the campaign's open task as the project manager would, through Camunda REST. */
	private void complete(TestRestTemplate pm, String org, String campaignId, String taskDefinitionKey,
			Map<String, Object> values) {
		List<String> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			found.clear();
			for (JsonNode task : campaign(org, campaignId).path("openTasks")) {
				if (task.path("taskDefinitionKey").asText().equals(taskDefinitionKey)) {
					found.add(task.path("id").asText());
				}
			}
			assertThat(found).as("open %s of %s in %s", taskDefinitionKey, org, campaignId).isNotEmpty();
		});
		Map<String, Object> variables = new LinkedHashMap<>();
		values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> completed = pm.postForEntity(ENGINE_REST + "/task/" + found.get(0) + "/complete",
				new HttpEntity<>(Map.of("variables", variables), headers), String.class);
		assertThat(completed.getStatusCode().is2xxSuccessful()).as("complete %s: %s", taskDefinitionKey,
				completed.getBody()).isTrue();
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("phaseout-campaigns-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
