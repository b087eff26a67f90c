package nl.phaseout.engine;

import static nl.phaseout.engine.Integration.defender;
import static nl.phaseout.engine.Integration.kasperskyAv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.InventoryState;
import nl.phaseout.engine.inventory.LastScan;
import nl.phaseout.engine.process.ProcessConstants;

/**
 * "Phased out" is true: end to end over the real broker, an inventory system and a procurement
 * system publish, project managers decide in Camunda REST, and the engine answers truthfully.
 */
class TruthfulOutcomeTest extends EndToEndTest {

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	IdentityService identityService;

	@Autowired
	HistoryService historyService;

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	ObjectMapper json;

	@Autowired
	InventoryState inventory;

	Organisations organisations;

	@BeforeEach
	void organisations() {
		organisations = new Organisations(http, demo(), identityService, json);
	}

	@Test
	void wholeHistoryPublishedInOneBurstHoursLateEndsAtSignOff() throws Exception {
		String org = Organisations.newId("MIN");
		Instant t = Instant.now().minus(Duration.ofHours(10));
		try (Integration sccm = new Integration(bootstrapServers, "/test/sccm")) {
			sccm.observed(org, "pc-1", t, List.of(kasperskyAv("active")));
			sccm.scanCompleted(org, "baseline", t.plusSeconds(60), 1);
			sccm.observed(org, "pc-1", t.plusSeconds(2 * 3600), List.of(defender("active"), kasperskyAv("passive")));
			sccm.observed(org, "pc-1", t.plusSeconds(3 * 3600), List.of(defender("active")));
			sccm.scanCompleted(org, "after-rollout", t.plusSeconds(4 * 3600), 1);
		}
		// registering while the burst is still being projected would be another story: a baseline with
		// the banned product, and a contract review; this one registers once the history is known
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			InventorySnapshot known = inventory.snapshot("kaspersky-av-2018", org);
			assertThat(known.lastScan()).extracting(LastScan::scanId).isEqualTo("after-rollout");
			assertThat(known.banned()).isZero();
		});
		organisations.register(org, "CENTRAL_GOVERNMENT");

		organisations.awaitOpenTask(org, "Task_SignOffVerification");
		assertThat(organisations.view(org).at("/campaigns/0/verification/scanId").asText()).isEqualTo("after-rollout");
	}

	@Test
	void rolloutBacklogDeliveredHoursLateIsVerifiedOnTheInventorysClock() throws Exception {
		String org = Organisations.newId("MIN");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		TestRestTemplate pm = organisations.projectManagerOf(org);
		Instant t = Instant.now().minus(Duration.ofHours(10));
		try (Integration sccm = new Integration(bootstrapServers, "/test/sccm");
				Integration procurement = new Integration(bootstrapServers, "/test/procurement")) {
			sccm.observed(org, "pc-1", t, List.of(kasperskyAv("active")));
			sccm.observed(org, "pc-2", t, List.of(defender("active")));
			sccm.scanCompleted(org, "baseline", t.plusSeconds(60), 2);
			organisations.complete(pm, org, "Task_ReviewContracts",
					Map.of("runningContract", "true", "contractEndDate", "2026-12-31", "noticePeriodDays", 90,
							"terminationRequested", true));
			organisations.awaitOpenTask(org, "Task_ChooseAlternative");

			// after an outage of the inventory feed: the rest of the story at once, every event hours old
			procurement.alternativeSelected(org, "Microsoft", "Defender for Endpoint", t.plusSeconds(3600));
			sccm.observed(org, "pc-1", t.plusSeconds(2 * 3600), List.of(defender("active"), kasperskyAv("passive")));
			sccm.observed(org, "pc-1", t.plusSeconds(3 * 3600), List.of(defender("active")));
			sccm.scanCompleted(org, "after-rollout", t.plusSeconds(4 * 3600), 2);
		}

		organisations.awaitOpenTask(org, "Task_SignOffVerification");
		JsonNode view = organisations.view(org);
		assertThat(view.at("/campaigns/0/phase").asText()).isEqualTo("SIGN_OFF");
		assertThat(view.at("/campaigns/0/verification/scanId").asText()).isEqualTo("after-rollout");
		assertThat(view.at("/campaigns/0/verification/verdict").asText()).isEqualTo("CLEAN");
		JsonNode alternative = organisations.record(org).at("/campaigns/0/alternative");
		assertThat(alternative.at("/data/alternativeProduct").asText()).isEqualTo("Defender for Endpoint");
		assertThat(alternative.at("/actor").asText()).contains("/test/procurement");
	}

	@Test
	void scanThatCoversTwoOfThreeEndpointsDoesNotVerifyAndARefusedSignOffWaitsForANewScan() throws Exception {
		String org = Organisations.newId("MIN");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		TestRestTemplate pm = organisations.projectManagerOf(org);
		Instant t = Instant.now().minus(Duration.ofHours(1));
		try (Integration intune = new Integration(bootstrapServers, "/test/intune")) {
			for (String pc : List.of("pc-1", "pc-2", "pc-3")) {
				intune.observed(org, pc, t, List.of(defender("active")));
			}
			intune.scanCompleted(org, "partial", t.plusSeconds(60), 2);
			organisations.awaitPhase(org, "VERIFICATION");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
					organisations.view(org).at("/campaigns/0/verification/verdict").asText()).isEqualTo("INCOMPLETE"));
			JsonNode waiting = organisations.view(org);
			assertThat(waiting.at("/campaigns/0/verification/reason").asText())
				.contains("reports 2 endpoint(s), but 3 live endpoint(s) are known");
			assertThat(waiting.at("/campaigns/0/openTasks")).isEmpty();

			intune.scanCompleted(org, "full", t.plusSeconds(120), 3);
			organisations.awaitOpenTask(org, "Task_SignOffVerification");
			organisations.complete(pm, org, "Task_SignOffVerification",
					Map.of("signOff", "false", "signOffNote", "The scanner missed the server room"));
			organisations.awaitPhase(org, "VERIFICATION");
			assertThat(organisations.openTasks(org, "Task_SignOffVerification")).isEmpty();
			JsonNode signOff = organisations.record(org).at("/campaigns/0/signOff");
			assertThat(signOff.at("/data/signOff").asBoolean(true)).isFalse();
			assertThat(signOff.at("/data/signOffNote").asText()).isEqualTo("The scanner missed the server room");

			intune.scanCompleted(org, "rescan", t.plusSeconds(180), 3);
			organisations.awaitOpenTask(org, "Task_SignOffVerification");
		}
	}

	@Test
	void bannedProductSeenDuringSignOffSendsTheOrganisationBackToRollout() throws Exception {
		String org = Organisations.newId("MIN");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		Instant t = Instant.now().minus(Duration.ofHours(1));
		try (Integration intune = new Integration(bootstrapServers, "/test/intune")) {
			intune.observed(org, "pc-1", t, List.of(defender("active")));
			intune.scanCompleted(org, "baseline", t.plusSeconds(60), 1);
			organisations.awaitOpenTask(org, "Task_SignOffVerification");

			intune.observed(org, "pc-1", t.plusSeconds(600), List.of(defender("active"), kasperskyAv("active")));
			organisations.awaitPhase(org, "ROLLOUT");
		}
		assertThat(organisations.openTasks(org, "Task_SignOffVerification")).isEmpty();
	}

	@Test
	void onlyTheBannedVendorsContractEndsTheContractAndAFutureEndDateNotYet() throws Exception {
		String org = Organisations.newId("MIN");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		TestRestTemplate pm = organisations.projectManagerOf(org);
		Instant t = Instant.now().minus(Duration.ofHours(2));
		try (Integration intune = new Integration(bootstrapServers, "/test/intune");
				Integration procurement = new Integration(bootstrapServers, "/test/procurement")) {
			intune.observed(org, "pc-1", t, List.of(kasperskyAv("active")));
			intune.scanCompleted(org, "baseline", t.plusSeconds(60), 1);
			organisations.complete(pm, org, "Task_ReviewContracts", Map.of("runningContract", "false"));
			procurement.alternativeSelected(org, "ESET", "PROTECT", t.plusSeconds(120));
			intune.observed(org, "pc-1", t.plusSeconds(600), List.of(defender("active")));
			intune.scanCompleted(org, "verification", t.plusSeconds(900), 1);
			organisations.complete(pm, org, "Task_SignOffVerification", Map.of("signOff", true));
			organisations.awaitOpenTask(org, "Task_ConfirmContractEnded");

			procurement.contractTerminated(org, "ESET", "ESET-2020-7", t.plusSeconds(1000));
			terminated(procurement, org, "Kaspersky Lab", "KL-2016-1", LocalDate.now().plusYears(2));
			// the same partition, in order: once this one completes the task, the two before were seen
			terminated(procurement, org, "KASPERSKY LAB B.V.", "KL-2016-2", LocalDate.now().minusDays(1));
			organisations.awaitPhase(org, "PHASED_OUT");
		}
		JsonNode contract = organisations.record(org).at("/campaigns/0/contractEnded");
		assertThat(contract.at("/data/contractId").asText()).isEqualTo("KL-2016-2");
		assertThat(contract.at("/actor").asText()).contains("/test/procurement");
	}

	@Test
	void regressionAfterHistoryCleanupOpensTaskResolveRegressionAndTheRecordOutlivesTheCleanup() throws Exception {
		String org = Organisations.newId("MIN");
		String definition = repositoryService.createProcessDefinitionQuery()
			.processDefinitionKey(ProcessConstants.PROCESS_KEY)
			.latestVersion()
			.singleResult()
			.getId();
		repositoryService.updateProcessDefinitionHistoryTimeToLive(definition, 0);
		JsonNode recordBefore;
		try (Integration intune = new Integration(bootstrapServers, "/test/intune")) {
			organisations.register(org, "CENTRAL_GOVERNMENT");
			TestRestTemplate pm = organisations.projectManagerOf(org);
			Instant t = Instant.now().minus(Duration.ofHours(1));
			intune.observed(org, "pc-1", t, List.of(defender("active")));
			intune.scanCompleted(org, "baseline", t.plusSeconds(60), 1);
			organisations.complete(pm, org, "Task_SignOffVerification", Map.of("signOff", true));
			organisations.awaitPhase(org, "PHASED_OUT");
			repositoryService.updateProcessDefinitionHistoryTimeToLive(definition, 180);

			recordBefore = organisations.record(org);
			cleanUpHistory(org);
			assertThat(organisations.record(org)).isEqualTo(recordBefore);
			JsonNode campaign = recordBefore.at("/campaigns/0");
			assertThat(campaign.at("/applicability/data/applicability").asText()).isEqualTo("MANDATORY");
			assertThat(campaign.at("/baselineScan/data/scanId").asText()).isEqualTo("baseline");
			assertThat(campaign.at("/verificationScans/0/data/verdict").asText()).isEqualTo("CLEAN");
			assertThat(campaign.at("/signOff/actor").asText()).startsWith("pm");
			assertThat(campaign.at("/phasedOutAt").isTextual()).isTrue();
			assertThat(organisations.view(org).at("/campaigns/0/applicability").asText()).isEqualTo("MANDATORY");

			intune.observed(org, "pc-1", t.plusSeconds(3600), List.of(kasperskyAv("active")));
			organisations.awaitOpenTask(org, "Task_ResolveRegression");
		}
		finally {
			repositoryService.updateProcessDefinitionHistoryTimeToLive(definition, 180);
		}
		assertThat(organisations.view(org).at("/campaigns/0/phase").asText()).isEqualTo("ROLLOUT");
		JsonNode regression = organisations.record(org).at("/campaigns/0/regressions/0/data");
		assertThat(regression.at("/endpoints/0").asText()).isEqualTo("pc-1");
	}

	/** Runs Camunda's history cleanup now; the job executor takes it. */
	private void cleanUpHistory(String org) {
		historyService.cleanUpHistoryAsync(true);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(org).count())
				.as("history of %s cleaned up", org)
				.isZero());
	}

	private static void terminated(Integration procurement, String org, String vendor, String contractId,
			LocalDate endDate) {
		procurement.publish("phaseout.contract.terminated", org, Map.of("organisationId", org, "vendor", vendor,
				"contractId", contractId, "terminatedAt", Instant.now().minusSeconds(60).toString(), "endDate",
				endDate.toString()));
	}

}
