package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.system.Topics;
import nl.phaseout.engine.tags.EndToEnd;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two campaigns active at once on the same organisation, over the real broker: the default one
 * (Kaspersky antivirus banned, vendors {@code kaspersky}) and a Windows 10 phase-out whose
 * classification is a test DMN (Windows 10 banned, an active Windows 11 the alternative, vendors
 * {@code microsoft}). Every observation is classified by each on its own: the organisation that
 * removes Kaspersky first is phased out in the one while still in rollout in the other, an alternative
 * chosen for one campaign completes that campaign's choice alone, and a contract termination counts only in
 * the campaign whose vendors it names. An application of its own
 * (its engine named, no webapps), closed after.
 */
@EndToEnd
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.process-engine-name=twocampaigns", "camunda.bpm.webapp.enabled=false",
				"phaseout.kafka.embedded.port=0", "phaseout.inventory.trusted-sources=/test/*",
				"phaseout.demo-stale-after=P14D",
				"camunda.bpm.deployment-resource-pattern=classpath*:bpmn/**/*.bpmn,classpath*:bpmn/**/*.dmn,"
						+ "classpath*:bpmn/**/*.form,classpath*:campaigns/test-windows-10-classification.dmn",
				"phaseout.campaigns[0].id=kaspersky-av-2018",
				"phaseout.campaigns[0].name=Uitfasering Kaspersky-antivirus (2018)",
				"phaseout.campaigns[0].decision-date=2018-05-14", "phaseout.campaigns[0].vendors=kaspersky",
				"phaseout.campaigns[1].id=windows-10-test", "phaseout.campaigns[1].name=Windows 10 (test)",
				"phaseout.campaigns[1].decision-date=2024-10-14",
				"phaseout.campaigns[1].classification-decision=test-windows-10-classification",
				"phaseout.campaigns[1].vendors=microsoft" })
class TwoCampaignsTest {

	private static final String KASPERSKY = "kaspersky-av-2018";

	private static final String WINDOWS = "windows-10-test";

	private static final Path DATA_DIR = createDataDir();

	@Autowired
	TestRestTemplate http;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identities;

	@Autowired
	ObjectMapper json;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("phaseout.data-dir", DATA_DIR::toString);
	}

	@Test
	void eachCampaignClassifiesTheSameInventoryOnItsOwnAndReachesItsOwnEnd() throws Exception {
		String org = Organisations.newId("MIN");
		Instant t0 = Instant.now().minusSeconds(3600);
		Organisations organisations = new Organisations(http, http.withBasicAuth("demo", "demo"), identities, json);
		try (Integration intune = new Integration(bootstrapServers, "/test/intune");
				Integration procurement = new Integration(bootstrapServers, "/test/procurement")) {
			intune.observed(org, "pc-1", t0, List.of(Integration.kasperskyAv("active"), windows("10")));
			intune.observed(org, "pc-2", t0, List.of(Integration.defender("active"), windows("11")));
			intune.scanCompleted(org, "scan-1", t0.plusSeconds(60), 2);
			organisations.register(org, "CENTRAL_GOVERNMENT");

			awaitPhase(organisations, org, KASPERSKY, "CONTRACT_REVIEW");
			awaitPhase(organisations, org, WINDOWS, "CONTRACT_REVIEW");
			assertThat(campaign(organisations, org, KASPERSKY).path("endpoints").toString())
				.isEqualTo(campaign(organisations, org, WINDOWS).path("endpoints").toString())
				.contains("\"banned\":1", "\"protected\":1", "\"unprotected\":0");

			for (String campaignId : List.of(KASPERSKY, WINDOWS)) {
				complete(organisations, org, campaignId, "Task_ReviewContracts",
						Map.of("runningContract", "true", "contractEndDate", "2026-06-30", "noticePeriodDays", 90,
								"terminationRequested", true));
				awaitOpenTask(organisations, org, campaignId, "Task_ChooseAlternative");
			}
			// an alternative chosen for one campaign is that campaign's alone
			selected(procurement, org, KASPERSKY, "Defender for Endpoint", t0.plusSeconds(120));
			procurement.contractTerminated(org, "AO Kaspersky Lab", "K-2018-01", t0.plusSeconds(130));
			awaitPhase(organisations, org, KASPERSKY, "ROLLOUT");
			awaitOpenTask(organisations, org, WINDOWS, "Task_ChooseAlternative");
			selected(procurement, org, WINDOWS, "Windows 11 Enterprise", t0.plusSeconds(140));
			awaitPhase(organisations, org, WINDOWS, "ROLLOUT");

			// Kaspersky goes first: done in the one campaign, Windows 10 still to go in the other
			intune.observed(org, "pc-1", t0.plusSeconds(400), List.of(Integration.defender("active"), windows("10")));
			awaitPhase(organisations, org, KASPERSKY, "VERIFICATION");
			intune.scanCompleted(org, "scan-2", Instant.now().plusSeconds(1), 2);
			complete(organisations, org, KASPERSKY, "Task_SignOffVerification",
					Map.of("signOff", true, "signOffNote", "Kaspersky is weg"));
			awaitPhase(organisations, org, KASPERSKY, "PHASED_OUT");
			JsonNode windowsNow = campaign(organisations, org, WINDOWS);
			assertThat(windowsNow.path("phase").asText()).isEqualTo("ROLLOUT");
			assertThat(windowsNow.at("/endpoints/banned").asLong()).isEqualTo(1);

			// then Windows 11 on pc-1; the Kaspersky contract's end counts nothing in this campaign
			// (observed after scan-2 completed, on the inventory's clock: a scan after it verifies)
			intune.observed(org, "pc-1", Instant.now().plusSeconds(2),
					List.of(Integration.defender("active"), windows("11")));
			awaitPhase(organisations, org, WINDOWS, "VERIFICATION");
			intune.scanCompleted(org, "scan-3", Instant.now().plusSeconds(3), 2);
			complete(organisations, org, WINDOWS, "Task_SignOffVerification",
					Map.of("signOff", true, "signOffNote", "Windows 11 overal"));
			awaitOpenTask(organisations, org, WINDOWS, "Task_ConfirmContractEnded");
			procurement.contractTerminated(org, "Microsoft Corporation", "W10-ESU", t0.plusSeconds(600));
			awaitPhase(organisations, org, WINDOWS, "PHASED_OUT");
		}
		assertThat(campaign(organisations, org, KASPERSKY).path("phase").asText()).isEqualTo("PHASED_OUT");
		assertThat(statusPhases(org, WINDOWS)).containsSubsequence("CONTRACT_REVIEW", "ROLLOUT", "VERIFICATION",
				"PHASED_OUT");
	}

	private static void selected(Integration procurement, String org, String campaignId, String product,
			Instant selectedAt) {
		procurement.publish("phaseout.alternative.selected", org, Map.of("organisationId", org, "vendor", "Microsoft",
				"product", product, "selectedAt", selectedAt.toString(), "campaignId", campaignId));
	}

	private static Map<String, Object> windows(String version) {
		return Integration.product("Microsoft", "Windows " + version + " Enterprise", "os", "active");
	}

	/** The organisation's entry for the campaign in {@code GET /api/organisations/{id}}. */
	private static JsonNode campaign(Organisations organisations, String org, String campaignId) throws Exception {
		for (JsonNode campaign : organisations.view(org).path("campaigns")) {
			if (campaign.path("campaignId").asText().equals(campaignId)) {
				return campaign;
			}
		}
		throw new AssertionError("no campaign " + campaignId + " in the view of " + org);
	}

	private static void awaitPhase(Organisations organisations, String org, String campaignId, String phase) {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(campaign(organisations, org, campaignId).path("phase").asText())
				.as("phase of %s in %s", org, campaignId)
				.isEqualTo(phase));
	}

	private static String awaitOpenTask(Organisations organisations, String org, String campaignId,
			String taskDefinitionKey) {
		List<String> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			found.clear();
			for (JsonNode task : campaign(organisations, org, campaignId).path("openTasks")) {
				if (task.path("taskDefinitionKey").asText().equals(taskDefinitionKey)) {
					found.add(task.path("id").asText());
				}
			}
			assertThat(found).as("open %s of %s in %s", taskDefinitionKey, org, campaignId).isNotEmpty();
		});
		return found.get(0);
	}

	/** Completes the campaign's task with the form's input fields, as the project manager would. */
	private void complete(Organisations organisations, String org, String campaignId, String taskDefinitionKey,
			Map<String, Object> values) {
		tasks.complete(awaitOpenTask(organisations, org, campaignId, taskDefinitionKey), values);
	}

	/** The phases the engine published on phaseout.status for the organisation in the campaign, in order. */
	private List<String> statusPhases(String org, String campaignId) {
		List<String> phases = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
				"group.id", "two-campaigns-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.STATUS));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode event = json.readTree(new String(record.value(), StandardCharsets.UTF_8));
					if (org.equals(record.key()) && "phaseout.phase.changed".equals(event.path("type").asText())
							&& campaignId.equals(event.at("/data/campaignId").asText())) {
						phases.add(event.at("/data/phase").asText());
					}
				}
				assertThat(phases).contains("PHASED_OUT");
			});
		}
		return phases;
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("phaseout-two-campaigns-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
