package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Element.END_ADVICE_DECLINED;
import static nl.phaseout.engine.process.ProcessConstants.Element.END_NOT_REQUIRED;
import static nl.phaseout.engine.process.ProcessConstants.Element.END_PHASED_OUT;
import static nl.phaseout.engine.process.ProcessConstants.Element.SUBPROCESS_ROLLOUT;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_CHOOSE_ALTERNATIVE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_CONFIRM_CONTRACT_ENDED;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_DECIDE_ON_ADVICE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_HANDLE_MISSED_DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_RESOLVE_PROTECTION_GAP;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_RESOLVE_REGRESSION;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_REVIEW_CONTRACTS;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_SIGN_OFF_VERIFICATION;
import static nl.phaseout.engine.process.ProcessConstants.Element.TIMER_CONTRACT_ENDS;
import static nl.phaseout.engine.process.ProcessConstants.Element.WAIT_INVENTORY_BASELINE;
import static nl.phaseout.engine.process.ProcessConstants.Element.WAIT_PROTECTION_GAP;
import static nl.phaseout.engine.process.ProcessConstants.Element.WAIT_ROLLOUT_COMPLETE;
import static nl.phaseout.engine.process.ProcessConstants.Element.WAIT_VERIFICATION_SCAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import nl.phaseout.engine.inventory.EndpointCounts;
import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.InventoryState;
import nl.phaseout.engine.inventory.LastScan;

/**
 * The per-organisation process, path by path, on an in-memory engine with a fake inventory.
 * The class fails when its tests cover less than 90% of the model's flow nodes and flows.
 */
@Deployment(resources = { "bpmn/phaseout-organisation.bpmn", "bpmn/phaseout-applicability.dmn" })
class PhaseoutOrganisationProcessTest {

	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ProcessTestEngine.CONFIGURATION)
		.assertClassCoverageAtLeast(0.9)
		.build();

	static final String CAMPAIGN = "kaspersky-av-2018";

	static final String ORG = "MIN-JENV";

	static final String ORG_NAME = "Ministerie van Justitie en Veiligheid";

	static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

	ProcessEngine engine;

	FakeInventoryState inventory;

	RecordingProcessEvents events;

	RecordingProcessRecord record;

	FakeParticipants participants;

	PhaseoutProcess process;

	@BeforeEach
	void setUp() {
		Map<Object, Object> beans = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getBeans();
		inventory = (FakeInventoryState) beans.get("inventoryState");
		events = (RecordingProcessEvents) beans.get("processEvents");
		record = (RecordingProcessRecord) beans.get("processRecord");
		participants = (FakeParticipants) beans.get("fakeParticipants");
		inventory.reset();
		events.reset();
		record.reset();
		participants.reset();
		process = new PhaseoutProcess(engine.getRuntimeService(), engine.getTaskService(), inventory, events, record,
				participants, (InstanceParticipations) beans.get("instanceParticipations"));
		at(T0);
		// the Spring Boot tests' engine may be registered in the same JVM: tell the assertions which one
		BpmnAwareTests.init(engine);
	}

	@AfterEach
	void resetClockAndAssertions() {
		ClockUtil.reset();
		BpmnAwareTests.reset();
	}

	@Test
	void startingAProcessReportsTheParticipationItBeginsAndItsInstance() {
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");

		assertThat(events.participations).containsExactly("started " + CAMPAIGN + " " + ORG,
				"process " + CAMPAIGN + " " + ORG + " " + pi.getId());
	}

	@Test
	void mandatoryOrganisationIsPhasedOutAfterRolloutVerificationAndContractEnd() {
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");
		assertThat(pi).isWaitingAt(WAIT_INVENTORY_BASELINE);

		inventory.scanned(ORG, 4, 2, 0, T0.plus(Duration.ofDays(1)));
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(TASK_REVIEW_CONTRACTS);
		assertThat(task(pi)).hasCandidateGroup("pm-min-jenv").hasName("Lopende contracten beoordelen: " + ORG_NAME)
			.hasDescription("Review running contracts: " + ORG_NAME);
		complete(task(pi), withVariables("runningContract", "true", "contractEndDate", "2026-12-31",
				"noticePeriodDays", 90L, "terminationRequested", true));

		assertThat(pi).isWaitingAt(TASK_CHOOSE_ALTERNATIVE);
		complete(task(pi), withVariables("alternativeVendor", "Microsoft", "alternativeProduct", "Defender",
				"rationale", "Already licensed"));
		assertThat(pi).isWaitingAt(WAIT_ROLLOUT_COMPLETE, WAIT_PROTECTION_GAP);

		// the last endpoint switched on day 10; the scan known then had completed on day 9
		at(T0.plus(Duration.ofDays(10)));
		rolloutCompleteAt(T0.plus(Duration.ofDays(10)));
		process.inventoryChanged(ORG);
		assertThat(pi).hasPassed(SUBPROCESS_ROLLOUT).isWaitingAt(WAIT_VERIFICATION_SCAN);

		at(T0.plus(Duration.ofDays(12)));
		inventory.scanned(ORG, 4, 0, 0, T0.plus(Duration.ofDays(10)), T0.plus(Duration.ofDays(11)), 4);
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION)
			.variables()
			.containsEntry("evidenceTotal", 4L)
			.containsEntry("evidenceBanned", 0L)
			.containsEntry("evidenceProtected", 4L)
			.containsEntry("evidenceUnprotected", 0L)
			.containsEntry("evidenceScanId", "scan-" + T0.plus(Duration.ofDays(11)).toEpochMilli())
			.containsEntry("evidenceScanCompletedAt", T0.plus(Duration.ofDays(11)).toString())
			.containsEntry("evidenceScanSource", "urn:test:scanner")
			.containsEntry("evidenceScanEndpointCount", 4L);
		assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), "evidenceEndpointsList"))
			.contains("protected-1", "protected-4");
		assertThat(engine.getTaskService().getVariablesLocal(task(pi).getId())).as("what the form shows, in words")
			.containsEntry("evidenceScanCompletedAtTekst", "16 januari 2026 10:00")
			.containsEntry("evidenceScanSourceTekst", "bron urn:test:scanner");
		// Camunda Forms' choice submits the text "true"
		complete(task(pi), withVariables("signOff", "true", "signOffNote", "All clear"));

		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);
		assertThat(engine.getTaskService().getVariableLocal(task(pi).getId(), "contractEndDateTekst"))
			.isEqualTo("31 december 2026");
		// the day before: the form asks dd-mm-jjjj
		complete(task(pi), withVariables("contractEndedOn", "16-01-2026"));

		assertThat(pi).isEnded().hasPassed(END_PHASED_OUT).hasNotPassed(TIMER_CONTRACT_ENDS);
		assertThat(events.phases()).containsExactly(Phase.APPLICABILITY, Phase.INVENTORY, Phase.CONTRACT_REVIEW,
				Phase.ALTERNATIVE, Phase.ROLLOUT, Phase.VERIFICATION, Phase.SIGN_OFF, Phase.DECOMMISSION,
				Phase.PHASED_OUT);
		assertThat(events.phaseChanges.get(1).previousPhase()).isEqualTo(Phase.APPLICABILITY);
		assertThat(events.applicabilities).containsExactly("MANDATORY");
		assertThat(record.kinds()).containsSubsequence(ProcessRecord.Kind.APPLICABILITY,
				ProcessRecord.Kind.BASELINE_SCAN, ProcessRecord.Kind.DECISION, ProcessRecord.Kind.ALTERNATIVE,
				ProcessRecord.Kind.VERIFICATION_SCAN, ProcessRecord.Kind.SIGN_OFF, ProcessRecord.Kind.CONTRACT_ENDED,
				ProcessRecord.Kind.PHASED_OUT);
		assertThat(record.of(ProcessRecord.Kind.SIGN_OFF).get(0).data()).containsEntry("signOff", true)
			.containsEntry("signOffNote", "All clear")
			.containsEntry("evidenceScanSource", "urn:test:scanner");
		assertThat(record.of(ProcessRecord.Kind.BASELINE_SCAN).get(0).data()).containsEntry("banned", 2L)
			.containsEntry("endpointCount", 4L);
	}

	@Test
	void advisedOrganisationThatAcceptsGoesOnToItsInventory() {
		ProcessInstance pi = start("VITAL_PROVIDER");
		assertThat(pi).isWaitingAt(TASK_DECIDE_ON_ADVICE);
		assertThat(task(pi)).hasCandidateGroup("pm-min-jenv");

		complete(task(pi), withVariables("phaseOut", true, "rationale", "We follow the cabinet's advice"));

		assertThat(pi).isWaitingAt(WAIT_INVENTORY_BASELINE)
			.variables()
			.containsEntry("applicability", "ADVISED")
			.containsEntry("adviceRationale", "We follow the cabinet's advice");
		assertThat(events.phases()).containsExactly(Phase.APPLICABILITY, Phase.DECISION, Phase.INVENTORY);
	}

	@Test
	void advisedOrganisationMayDecline() {
		ProcessInstance pi = start("SECURITY_SUPPLIER");

		complete(task(pi), withVariables("phaseOut", false, "rationale", "Contract runs until 2027, risk accepted"));

		assertThat(pi).isEnded().hasPassed(END_ADVICE_DECLINED);
		assertThat(historicVariable(pi, "rationale")).isEqualTo("Contract runs until 2027, risk accepted");
		assertThat(events.phases()).containsExactly(Phase.APPLICABILITY, Phase.DECISION, Phase.DECLINED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PROVINCE", "MUNICIPALITY", "OTHER" })
	void organisationOutOfScopeEndsAsNotRequired(String category) {
		ProcessInstance pi = start(category);

		assertThat(pi).isEnded().hasPassed(END_NOT_REQUIRED);
		assertThat(events.phases()).containsExactly(Phase.APPLICABILITY, Phase.NOT_REQUIRED);
	}

	@Test
	void baselineWithoutBannedProductGoesStraightToSignOff() {
		inventory.scanned(ORG, 3, 0, 0, T0.minus(Duration.ofHours(1)));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");

		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION).hasNotPassed(TASK_REVIEW_CONTRACTS);
		complete(task(pi), withVariables("signOff", true));

		assertThat(pi).isEnded().hasPassed(END_PHASED_OUT).hasNotPassed(TASK_CONFIRM_CONTRACT_ENDED);
		assertThat(events.phases()).doesNotContain(Phase.ROLLOUT, Phase.DECOMMISSION).endsWith(Phase.PHASED_OUT);
	}

	@Test
	void aRollingOrganisationsSignOffIsTheCensusAndNeedsItsConfirmation() {
		Instant at = T0.minus(Duration.ofHours(1));
		inventory.set(ORG, new InventorySnapshot(new EndpointCounts(3, 0, 3, 0, 0, 0), at,
				new LastScan("rolling-1", at, 3, LastScan.ROLLING_SOURCE), true, 0));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");

		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION);
		assertThat(runtimeService().getVariable(pi.getId(), "verification")).isEqualTo("rolling");
		assertThatThrownBy(() -> complete(task(pi), withVariables("signOff", true)))
			.hasMessageContaining("censusConfirmed");
		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION);

		complete(task(pi), withVariables("signOff", true, "censusConfirmed", true));

		assertThat(pi).isEnded().hasPassed(END_PHASED_OUT);
		assertThat(record.of(ProcessRecord.Kind.SIGN_OFF).get(0).data()).containsEntry("censusConfirmed", true)
			.containsEntry("verification", "rolling");
	}

	@Test
	void aStaleEndpointMakesTheScanNotCleanAndSendsTheOrganisationBackToRollout() {
		Instant at = T0.minus(Duration.ofHours(1));
		inventory.set(ORG, new InventorySnapshot(new EndpointCounts(3, 0, 2, 0, 1, 0), at,
				new LastScan("scan-1", at, 3, "urn:test:scanner")));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");

		assertThat(pi).isWaitingAt(WAIT_ROLLOUT_COMPLETE);
		assertThat(record.of(ProcessRecord.Kind.VERIFICATION_SCAN)).last()
			.satisfies(entry -> assertThat(entry.data()).containsEntry("verdict", "NOT_CLEAN"));
		assertThat(runtimeService().getVariable(pi.getId(), "scanVerdict")).as("transient: only the gateway reads it")
			.isNull();
	}

	@Test
	void conditionAlreadyMetWhenReachingAWaitStatePassesWithoutAMessage() {
		inventory.scanned(ORG, 4, 1, 0, T0.minus(Duration.ofHours(1)));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");
		assertThat(pi).isWaitingAt(TASK_REVIEW_CONTRACTS).hasNotPassed(WAIT_INVENTORY_BASELINE);
		complete(task(pi), withVariables("runningContract", "false"));

		// the rollout finished, and a scan completed after it, while the PM was still choosing the alternative
		inventory.scanned(ORG, 4, 0, 0, T0, T0.plus(Duration.ofHours(1)), 4);
		at(T0.plus(Duration.ofHours(2)));
		complete(task(pi), withVariables("alternativeVendor", "ESET", "alternativeProduct", "Endpoint Security"));

		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION)
			.hasNotPassed(WAIT_ROLLOUT_COMPLETE)
			.hasNotPassed(WAIT_VERIFICATION_SCAN);
	}

	@Test
	void verificationScanThatIsNotCleanGoesBackToRollout() {
		ProcessInstance pi = startAtRollout();
		rolloutCompleteAt(T0.plus(Duration.ofDays(1)));
		at(T0.plus(Duration.ofDays(2)));
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(WAIT_VERIFICATION_SCAN);

		// the fresh scan still finds an endpoint without antivirus
		inventory.scanned(ORG, 4, 0, 1, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3)), 4);
		process.inventoryChanged(ORG);

		assertThat(pi).isWaitingAt(WAIT_ROLLOUT_COMPLETE, TASK_RESOLVE_PROTECTION_GAP);
		assertThat(events.phaseChanges).last()
			.isEqualTo(new RecordingProcessEvents.PhaseChange(ORG, Phase.ROLLOUT, Phase.VERIFICATION));
		assertThat(record.of(ProcessRecord.Kind.VERIFICATION_SCAN)).last()
			.satisfies(entry -> assertThat(entry.data()).containsEntry("verdict", "NOT_CLEAN"));
	}

	@Test
	void protectionGapDuringRolloutOpensTaskAndIsReported() {
		ProcessInstance pi = startAtRollout();

		inventory.scanned(ORG, 4, 1, 2, T0.plus(Duration.ofDays(1)));
		process.inventoryChanged(ORG);

		assertThat(pi).isWaitingAt(TASK_RESOLVE_PROTECTION_GAP, WAIT_ROLLOUT_COMPLETE);
		assertThat(task(pi)).hasCandidateGroup("pm-min-jenv").hasName("Beschermingslek oplossen: " + ORG_NAME);
		assertThat(events.protectionGaps).containsExactly(2L);

		complete(task(pi), withVariables("gapResolution", "Installed Defender on the two laptops"));
		assertThat(pi).isWaitingAt(WAIT_PROTECTION_GAP, WAIT_ROLLOUT_COMPLETE);
	}

	@Test
	void rolloutCompletingEndsAnOpenProtectionGapTask() {
		ProcessInstance pi = startAtRollout();
		inventory.scanned(ORG, 4, 1, 1, T0.plus(Duration.ofDays(1)));
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(TASK_RESOLVE_PROTECTION_GAP);
		assertThat(pi).variables().containsEntry("gapEndpointsList", "- unprotected-1 (gemeld op "
				+ "6 januari 2026 09:00 door bron urn:test:scanner)\n");

		rolloutCompleteAt(T0.plus(Duration.ofDays(2)));
		at(T0.plus(Duration.ofDays(3)));
		process.inventoryChanged(ORG);

		assertThat(pi).isWaitingAt(WAIT_VERIFICATION_SCAN).isNotWaitingAt(TASK_RESOLVE_PROTECTION_GAP);
	}

	@Test
	void contractTerminatedBeforeTheTaskSkipsIt() {
		ProcessInstance pi = startAtSignOff();
		inventory.contractTerminated(ORG, "KL-2016-001", LocalDate.parse("2026-01-06"));

		complete(task(pi), withVariables("signOff", true));

		assertThat(pi).isEnded().hasPassed(END_PHASED_OUT).hasNotPassed(TASK_CONFIRM_CONTRACT_ENDED);
		assertThat(historicVariable(pi, "contractEndedOn")).isEqualTo("2026-01-06");
		assertThat(record.of(ProcessRecord.Kind.CONTRACT_ENDED).get(0).actor())
			.isEqualTo("event termination-KL-2016-001 from urn:test:procurement");
	}

	@Test
	void contractTerminatedWhileTheTaskIsOpenCompletesIt() {
		ProcessInstance pi = startAtSignOff();
		complete(task(pi), withVariables("signOff", true));
		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);

		inventory.contractTerminated(ORG, "Kaspersky Lab B.V.", "KL-2016-001", null);
		process.contractTerminated(ORG);

		assertThat(pi).isEnded().hasPassed(END_PHASED_OUT);
		assertThat(record.of(ProcessRecord.Kind.CONTRACT_ENDED)).hasSize(1);
		assertThat(record.of(ProcessRecord.Kind.DECISION)).last()
			.satisfies(entry -> assertThat(entry.actor()).startsWith("event termination-KL-2016-001"));
	}

	@Test
	void alternativeSelectedBeforeTheTaskSkipsIt() {
		inventory.scanned(ORG, 4, 1, 0, T0);
		inventory.alternativeSelected(ORG, "Microsoft", "Defender for Endpoint");
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");

		complete(task(pi), withVariables("runningContract", "false"));

		assertThat(pi).isWaitingAt(WAIT_ROLLOUT_COMPLETE).hasNotPassed(TASK_CHOOSE_ALTERNATIVE);
		assertThat(pi).variables()
			.containsEntry("alternativeVendor", "Microsoft")
			.containsEntry("alternativeProduct", "Defender for Endpoint")
			.containsEntry("rationale", "selected by event");
	}

	@Test
	void alternativeSelectedWhileTheTaskIsOpenCompletesIt() {
		inventory.scanned(ORG, 4, 1, 0, T0);
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");
		complete(task(pi), withVariables("runningContract", "false"));
		assertThat(pi).isWaitingAt(TASK_CHOOSE_ALTERNATIVE);

		inventory.alternativeSelected(ORG, "Sophos", "Intercept X");
		process.alternativeSelected(ORG);

		assertThat(pi).hasPassed(TASK_CHOOSE_ALTERNATIVE).isWaitingAt(WAIT_ROLLOUT_COMPLETE);
		assertThat(pi).variables().containsEntry("alternativeVendor", "Sophos");
	}

	@Test
	void deliveriesSharingOneCommandMoveTheProcessAsEachAlone() {
		inventory.scanned(ORG, 4, 1, 0, T0);
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");
		complete(task(pi), withVariables("runningContract", "false"));
		inventory.alternativeSelected(ORG, "Sophos", "Intercept X");

		// a worker's round: the organisation's deliveries join the one command, which writes at its end
		process.inOneCommand(() -> {
			process.inventoryChanged(ORG);
			process.alternativeSelected(ORG);
		});

		assertThat(pi).hasPassed(TASK_CHOOSE_ALTERNATIVE).isWaitingAt(WAIT_ROLLOUT_COMPLETE);
		assertThat(pi).variables().containsEntry("alternativeVendor", "Sophos");
	}

	@Test
	void eventsNobodyWaitsForChangeNothing() {
		ProcessInstance pi = start("VITAL_PROVIDER");

		process.inventoryChanged(ORG);
		process.inventoryChanged("UNKNOWN-ORG");
		inventory.alternativeSelected(ORG, "Sophos", "Intercept X");
		process.alternativeSelected(ORG);
		process.contractTerminated(ORG);
		assertThat(process.regression(CAMPAIGN, ORG)).isFalse();

		assertThat(pi).isWaitingAtExactly(TASK_DECIDE_ON_ADVICE);
		assertThat(events.regressions).isEmpty();
	}

	@Test
	void regressionAfterPhaseOutOpensATaskNamingTheEndpointsAndRestartsTheDeadlineWatch() {
		inventory.scanned(ORG, 3, 0, 0, T0);
		ProcessInstance done = start("CENTRAL_GOVERNMENT");
		complete(task(done), withVariables("signOff", true));
		assertThat(done).isEnded();
		participants.phasedOut(startOf("CENTRAL_GOVERNMENT", Map.of()));

		at(T0.plus(Duration.ofDays(30)));
		inventory.scanned(ORG, 3, 2, 0, T0.plus(Duration.ofDays(30)));
		assertThat(process.regression(CAMPAIGN, ORG)).isTrue();

		assertThat(events.regressions).containsExactly(2L);
		ProcessInstance reopened = engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceBusinessKey(ORG)
			.singleResult();
		assertThat(reopened).isWaitingAt(TASK_RESOLVE_REGRESSION)
			.variables()
			.containsEntry("campaignId", CAMPAIGN)
			.containsEntry("organisationName", ORG_NAME)
			.containsEntry("pmGroup", "pm-min-jenv")
			.containsEntry("regressionBanned", 2L);
		assertThat((String) engine.getRuntimeService().getVariable(reopened.getId(), "regressionEndpointsList"))
			.contains("banned-1", "banned-2");
		assertThat(task(reopened)).hasCandidateGroup("pm-min-jenv").hasName("Terugval oplossen: " + ORG_NAME);
		assertThat(timerDueDates()).as("the deadline watch restarts on the campaign's deadlines, from now")
			.containsExactly(Date.from(T0.plus(Duration.ofDays(120))));
		assertThat(events.phaseChanges).last()
			.isEqualTo(new RecordingProcessEvents.PhaseChange(ORG, Phase.ROLLOUT, Phase.PHASED_OUT));
		assertThat(record.of(ProcessRecord.Kind.REGRESSION).get(0).data()).containsEntry("banned", 2L)
			.containsEntry("endpoints", List.of("banned-1", "banned-2"));

		assertThat(process.regression(CAMPAIGN, ORG)).as("a reopened phase-out is not reopened again").isFalse();
		assertThat(events.regressions).hasSize(1);

		complete(task(reopened), withVariables("regressionResolution", "A restored image; reinstalled"));
		assertThat(reopened).isWaitingAt(WAIT_ROLLOUT_COMPLETE, WAIT_PROTECTION_GAP);
	}

	@ParameterizedTest
	@ValueSource(strings = { "inventory", "plan", "rolloutStart", "completion" })
	void missedDeadlineOpensOfficeTaskAndMarksOrganisationOverdue(String deadline) {
		Instant due = T0.plus(Duration.ofDays(30));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT", Map.of(deadline, due));
		assertThat(timerDueDates()).containsExactly(Date.from(due));

		at(due.plusSeconds(1));
		execute(engine.getManagementService().createJobQuery().timers().singleResult());

		assertThat(pi).isWaitingAt(TASK_HANDLE_MISSED_DEADLINE, WAIT_INVENTORY_BASELINE)
			.variables()
			.containsEntry("overdue", true);
		assertThat(events.deadlinesMissed).containsExactly(deadline);
		assertThat(candidates(task(TASK_HANDLE_MISSED_DEADLINE, pi))).as("the office's task, not the project managers'")
			.containsExactly("group:phaseout-office");
		assertThat(task(TASK_HANDLE_MISSED_DEADLINE, pi)).hasDueDate(Date.from(due))
			.hasDescription("Handle missed deadline (" + deadline + "): " + ORG_NAME);
		assertThat(engine.getTaskService().getVariables(task(TASK_HANDLE_MISSED_DEADLINE, pi).getId()))
			.as("what the office's form shows: words, not keys, dates as people write them")
			.containsEntry("deadlineTekst", nl.phaseout.engine.system.DutchText.milestone(deadline))
			.containsEntry("missedMilestonesTekst", nl.phaseout.engine.system.DutchText.milestone(deadline))
			.containsEntry("deadlineDueTekst", "4 februari 2026 10:00")
			.containsEntry("milestonePhaseTekst",
					nl.phaseout.engine.system.DutchText.phase(Milestone.byDeadline(deadline).orElseThrow().reachedAt().name()))
			.containsEntry("phaseTekst", "Inventarisatie")
			.containsEntry("pmGroupTekst", "Projectleiders van " + ORG_NAME);
		assertThat(nl.phaseout.engine.system.DutchText.milestone(deadline)).isNotEqualTo(deadline).isNotBlank();

		complete(task(TASK_HANDLE_MISSED_DEADLINE, pi), withVariables("actionTaken", "Called the CIO"));
		assertThat(pi).isWaitingAtExactly(WAIT_INVENTORY_BASELINE);
	}

	@Test
	void missedMilestonesShareOneOpenOfficeTaskUntilItIsCompleted() {
		Instant inventoryDue = T0.plus(Duration.ofDays(30));
		Instant planDue = T0.plus(Duration.ofDays(60));
		Instant rolloutStartDue = T0.plus(Duration.ofDays(90));
		Instant completionDue = T0.plus(Duration.ofDays(120));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT", Map.of("inventory", inventoryDue, "plan", planDue,
				"rolloutStart", rolloutStartDue, "completion", completionDue));

		for (Instant due : List.of(inventoryDue, planDue, rolloutStartDue)) {
			at(due.plusSeconds(1));
			engine.getManagementService().createJobQuery().timers().duedateLowerThan(Date.from(due.plusSeconds(1)))
				.list().forEach(job -> execute(job));
		}

		assertThat(events.deadlinesMissed).as("every miss is recorded").containsExactly("inventory", "plan",
				"rolloutStart");
		List<org.camunda.bpm.engine.task.Task> open = officeTasks(pi);
		assertThat(open).as("one office task for three misses").hasSize(1);
		org.camunda.bpm.engine.task.Task task = open.get(0);
		assertThat(engine.getTaskService().getVariable(task.getId(), "missedMilestones"))
			.isEqualTo("inventory,plan,rolloutStart");
		assertThat(engine.getTaskService().getVariablesLocal(task.getId()))
			.containsEntry("missedMilestonesTekst", "Inventarisatie, Plan, Start uitrol")
			.containsEntry("deadlineTekst", "Inventarisatie");
		assertThat(task).hasName("Gemiste mijlpalen afhandelen (inventarisatie, plan, start uitrol): " + ORG_NAME)
			.hasDescription("Handle missed deadlines (inventory, plan, rolloutStart): " + ORG_NAME);
		assertThat(candidates(task)).containsExactly("group:phaseout-office");
		assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
			.taskCandidateGroup("pm-min-jenv").taskDefinitionKey(TASK_HANDLE_MISSED_DEADLINE).count())
			.as("not a candidate task of the project managers").isZero();

		complete(task, withVariables("actionTaken", "Called the CIO"));
		assertThat(officeTasks(pi)).isEmpty();

		at(completionDue.plusSeconds(1));
		execute(engine.getManagementService().createJobQuery().timers().singleResult());
		assertThat(events.deadlinesMissed).last().isEqualTo("completion");
		assertThat(officeTasks(pi)).as("a miss after completion opens a new task").singleElement()
			.satisfies(next -> assertThat(next.getId()).isNotEqualTo(task.getId()))
			.satisfies(next -> assertThat(next).hasName("Gemiste mijlpaal afhandelen (afronding): " + ORG_NAME));
	}

	@Test
	void theOfficeTaskClosesItselfOnlyWhenEveryListedMilestoneIsReached() {
		Instant inventoryDue = T0.plus(Duration.ofDays(30));
		Instant planDue = T0.plus(Duration.ofDays(40));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT", Map.of("inventory", inventoryDue, "plan", planDue));
		at(planDue.plusSeconds(1));
		engine.getManagementService().createJobQuery().timers().list().forEach(job -> execute(job));
		assertThat(officeTasks(pi)).hasSize(1);

		inventory.scanned(ORG, 4, 1, 0, planDue.plus(Duration.ofDays(2)));
		process.inventoryChanged(ORG);
		assertThat(pi).as("inventory reached late, the plan not yet").isWaitingAt(TASK_REVIEW_CONTRACTS,
				TASK_HANDLE_MISSED_DEADLINE);

		complete(task(TASK_REVIEW_CONTRACTS, pi), withVariables("runningContract", "false"));
		assertThat(pi).isNotWaitingAt(TASK_HANDLE_MISSED_DEADLINE);
	}

	/** The task's candidates, as {@code group:<id>} and {@code user:<id>}. */
	private List<String> candidates(org.camunda.bpm.engine.task.Task task) {
		return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
			.filter(link -> "candidate".equals(link.getType()))
			.map(link -> link.getGroupId() != null ? "group:" + link.getGroupId() : "user:" + link.getUserId())
			.toList();
	}

	private List<org.camunda.bpm.engine.task.Task> officeTasks(ProcessInstance pi) {
		return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
			.taskDefinitionKey(TASK_HANDLE_MISSED_DEADLINE).list();
	}

	@Test
	void deadlineWhoseMilestoneWasReachedOpensNothing() {
		Instant due = T0.plus(Duration.ofDays(30));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT", Map.of("inventory", due));
		inventory.scanned(ORG, 4, 1, 0, T0.plus(Duration.ofDays(5)));
		process.inventoryChanged(ORG);

		at(due.plusSeconds(1));
		execute(engine.getManagementService().createJobQuery().timers().singleResult());

		assertThat(pi).isWaitingAtExactly(TASK_REVIEW_CONTRACTS).variables().containsEntry("overdue", false);
		assertThat(events.deadlinesMissed).isEmpty();
	}

	@Test
	void unsetDeadlinesCreateNoTimerJobs() {
		start("CENTRAL_GOVERNMENT", Map.of("completion", T0.plus(Duration.ofDays(365))));
		assertThat(timerDueDates()).containsExactly(Date.from(T0.plus(Duration.ofDays(365))));
	}

	@Test
	void campaignWithoutDeadlinesCreatesNoTimerJobs() {
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");
		assertThat(pi).isWaitingAtExactly(WAIT_INVENTORY_BASELINE);
		assertThat(timerDueDates()).isEmpty();
	}

	@Test
	void organisationOutOfScopeGetsNoDeadlines() {
		start("MUNICIPALITY", Map.of("completion", T0.plus(Duration.ofDays(365))));
		assertThat(timerDueDates()).isEmpty();
	}

	@Test
	void unknownDeadlineNameIsRejected() {
		assertThatThrownBy(() -> start("CENTRAL_GOVERNMENT", Map.of("rollout", T0)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Unknown deadline 'rollout'");
	}

	@Test
	void backlogDeliveredLateVerifiesOnTheInventorysClock() {
		ProcessInstance pi = startAtRollout();
		// the engine's clock is a week ahead: an outage held the inventory system's events back
		at(T0.plus(Duration.ofDays(8)));
		rolloutCompleteAt(T0.plus(Duration.ofDays(1)));
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(WAIT_VERIFICATION_SCAN);
		assertThat(pi).variables().containsEntry("rolloutCompletedAt", Date.from(T0.plus(Duration.ofDays(1))));

		// the verification scan completed an hour after the rollout, by the inventory's clock
		inventory.scanned(ORG, 4, 0, 0, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)).plusSeconds(3600), 4);
		process.inventoryChanged(ORG);

		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION);
	}

	@Test
	void aScanOlderThanTheEndpointsItShouldShowIsNoEvidence() {
		// the endpoints were replaced before the organisation registered, after the scan known then
		inventory.scanned(ORG, 3, 0, 0, T0.minus(Duration.ofHours(1)), T0.minus(Duration.ofHours(3)), 3);
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");

		assertThat(pi).isWaitingAt(WAIT_VERIFICATION_SCAN).hasNotPassed(TASK_SIGN_OFF_VERIFICATION);

		inventory.scanned(ORG, 3, 0, 0, T0.minus(Duration.ofHours(1)), T0.minus(Duration.ofMinutes(30)), 3);
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION);
	}

	@Test
	void scanThatDoesNotCoverTheLiveEndpointsKeepsTheOrganisationWaiting() {
		ProcessInstance pi = startAtRollout();
		rolloutCompleteAt(T0.plus(Duration.ofDays(1)));
		process.inventoryChanged(ORG);

		// clean as far as it goes, but it reports 2 of the 4 live endpoints
		inventory.scanned(ORG, 4, 0, 0, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), 2);
		process.inventoryChanged(ORG);

		assertThat(pi).isWaitingAt(WAIT_VERIFICATION_SCAN).variables().doesNotContainKeys("scanVerdict",
				"scanVerdictReason");
		assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
		assertThat(record.of(ProcessRecord.Kind.VERIFICATION_SCAN)).singleElement()
			.satisfies(entry -> assertThat(entry.data()).containsEntry("verdict", "INCOMPLETE")
				.containsEntry("endpointCount", 2L)
				.hasEntrySatisfying("reason", reason -> assertThat((String) reason)
					.contains("reports 2 endpoint(s), but 4 live endpoint(s) are known")));

		process.inventoryChanged(ORG);
		assertThat(record.of(ProcessRecord.Kind.VERIFICATION_SCAN)).as("a scan is recorded once").hasSize(1);

		// as an instance assessed by an earlier version holds it: persistent, which a transient one may not replace
		engine.getRuntimeService().setVariable(pi.getId(), "scanVerdict", "INCOMPLETE");
		inventory.scanned(ORG, 4, 0, 0, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3)), 4);
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION);
	}

	@Test
	void refusedSignOffWaitsForAScanAfterTheRefusedOne() {
		ProcessInstance pi = startAtSignOff();

		complete(task(pi), withVariables("signOff", "false", "signOffNote", "Two laptops were offline"));

		assertThat(pi).isWaitingAt(WAIT_VERIFICATION_SCAN).hasNotPassed(END_PHASED_OUT);
		assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
		assertThat(events.phases()).last().isEqualTo(Phase.VERIFICATION);
		assertThat(record.of(ProcessRecord.Kind.SIGN_OFF)).singleElement()
			.satisfies(entry -> assertThat(entry.data()).containsEntry("signOff", false)
				.containsEntry("signOffNote", "Two laptops were offline"));

		process.inventoryChanged(ORG);
		assertThat(pi).as("the refused scan does not count again").isWaitingAt(WAIT_VERIFICATION_SCAN);
		assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isZero();

		inventory.scanned(ORG, 4, 0, 0, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(4)), 4);
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION);
	}

	@Test
	void signOffWithoutADecisionIsRefused() {
		ProcessInstance pi = startAtSignOff();

		assertThatThrownBy(() -> complete(task(pi), withVariables("signOffNote", "forgot to choose")))
			.hasMessageContaining("signOff must be true");
		assertThatThrownBy(() -> complete(task(pi), withVariables("signOff", "maybe")))
			.hasMessageContaining("signOff must be true");
		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION);
	}

	@Test
	void bannedProductSeenDuringSignOffGoesBackToRollout() {
		ProcessInstance pi = startAtSignOff();

		inventory.scanned(ORG, 4, 1, 0, T0.plus(Duration.ofDays(4)));
		process.inventoryChanged(ORG);

		assertThat(pi).isWaitingAt(WAIT_ROLLOUT_COMPLETE, WAIT_PROTECTION_GAP)
			.isNotWaitingAt(TASK_SIGN_OFF_VERIFICATION);
		assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
		assertThat(events.phases()).last().isEqualTo(Phase.ROLLOUT);
	}

	@Test
	void bannedProductSeenWhileConfirmingTheContractGoesBackToRollout() {
		ProcessInstance pi = startAtSignOff();
		complete(task(pi), withVariables("signOff", true));
		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);

		inventory.scanned(ORG, 4, 1, 0, T0.plus(Duration.ofDays(4)));
		process.inventoryChanged(ORG);

		assertThat(pi).isWaitingAt(WAIT_ROLLOUT_COMPLETE).isNotWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);
	}

	@Test
	void bannedProductKnownAtTheEndIsNeverPhasedOut() {
		ProcessInstance pi = startAtSignOff();
		complete(task(pi), withVariables("signOff", true));
		// seen, but the process has not been told yet
		inventory.scanned(ORG, 4, 1, 0, T0.plus(Duration.ofDays(4)));

		complete(task(pi), withVariables("contractEndedOn", "2026-01-06"));

		assertThat(pi).isNotEnded().hasNotPassed(END_PHASED_OUT).isWaitingAt(WAIT_ROLLOUT_COMPLETE);
		assertThat(record.of(ProcessRecord.Kind.PHASED_OUT)).isEmpty();
	}

	@Test
	void anotherVendorsContractDoesNotEndTheBannedProductsContract() {
		ProcessInstance pi = startAtSignOff();
		inventory.contractTerminated(ORG, "ESET", "ESET-2020-7", LocalDate.parse("2026-01-01"));
		complete(task(pi), withVariables("signOff", true));
		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);

		process.contractTerminated(ORG);

		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);
	}

	@Test
	void kasperskysOwnPublisherNameEndsTheContractAndALookAlikeDoesNot() {
		ProcessInstance pi = startAtSignOff();
		complete(task(pi), withVariables("signOff", true));
		inventory.contractTerminated(ORG, "Kasper Software", "KS-1", LocalDate.parse("2026-01-01"));
		process.contractTerminated(ORG);
		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);

		inventory.contractTerminated(ORG, "AO Kaspersky Lab", "KL-2016-001", LocalDate.parse("2026-01-01"));
		process.contractTerminated(ORG);

		assertThat(pi).isEnded().hasPassed(END_PHASED_OUT);
		assertThat(record.of(ProcessRecord.Kind.CONTRACT_ENDED)).singleElement()
			.satisfies(entry -> assertThat(entry.data()).containsEntry("vendor", "AO Kaspersky Lab"));
	}

	@Test
	void contractEndingOnADayToComeCountsOnThatDay() {
		ProcessInstance pi = startAtSignOff();
		complete(task(pi), withVariables("signOff", true));
		inventory.contractTerminated(ORG, "KL-2016-001", LocalDate.parse("2026-03-31"));

		process.contractTerminated(ORG);
		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);

		at(Instant.parse("2026-03-31T06:00:00Z"));
		process.contractTerminated(ORG);
		assertThat(pi).isEnded().hasPassed(END_PHASED_OUT);
		assertThat(historicVariable(pi, "contractEndedOn")).isEqualTo("2026-03-31");
	}

	@Test
	@Tag("security")
	void aContractEndingAheadIsPhasedOutOnThatDayAndNotBefore() {
		ProcessInstance pi = startAtSignOff();
		complete(task(pi), withVariables("signOff", true));
		assertThat(task(pi)).hasDefinitionKey(TASK_CONFIRM_CONTRACT_ENDED);

		complete(task(pi), withVariables("contractEndedOn", "31-12-2030", "contractEndRemarks", "Opgezegd per jaareinde"));

		assertThat(pi).isWaitingAt(TIMER_CONTRACT_ENDS).hasNotPassed(END_PHASED_OUT);
		assertThat(historicVariable(pi, "contractEndedOn")).isEqualTo("2030-12-31");
		assertThat(record.of(ProcessRecord.Kind.PHASED_OUT)).isEmpty();
		assertThat(events.phases()).last().isEqualTo(Phase.DECOMMISSION);
		Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
			.activityId(TIMER_CONTRACT_ENDS).singleResult();
		assertThat(timer.getDuedate()).as("the start of 31 December 2030, Dutch time")
			.isEqualTo(Date.from(Instant.parse("2030-12-30T23:00:00Z")));

		at(Instant.parse("2030-12-30T22:59:00Z"));
		assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).executable().count())
			.as("nothing due the evening before").isZero();

		at(Instant.parse("2030-12-31T07:00:00Z"));
		execute(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).executable()
			.singleResult());

		assertThat(pi).isEnded().hasPassed(TIMER_CONTRACT_ENDS, END_PHASED_OUT);
		assertThat(record.of(ProcessRecord.Kind.PHASED_OUT)).singleElement()
			.satisfies(entry -> assertThat(entry.at()).isEqualTo(Instant.parse("2030-12-31T07:00:00Z")));
	}

	@Test
	@Tag("security")
	void aBannedProductSeenWhileTheContractRunsOutGoesBackToRollout() {
		ProcessInstance pi = startAtSignOff();
		complete(task(pi), withVariables("signOff", true));
		complete(task(pi), withVariables("contractEndedOn", "31-12-2030"));
		assertThat(pi).isWaitingAt(TIMER_CONTRACT_ENDS);

		inventory.scanned(ORG, 4, 1, 0, T0.plus(Duration.ofDays(5)));
		process.inventoryChanged(ORG);

		assertThat(pi).isWaitingAt(WAIT_ROLLOUT_COMPLETE).isNotWaitingAt(TIMER_CONTRACT_ENDS);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@Tag("security")
	@CsvSource(delimiter = '|', value = { "31-02-2026|geen bestaande datum", "2026-02-31|geen bestaande datum",
			"12/31/2026|geen datum als dd-mm-jjjj", "7-12-26|geen datum als dd-mm-jjjj",
			"2026-12-7|geen datum als dd-mm-jjjj", "05-01-2037|meer dan 10 jaar vooruit (uiterlijk 07-01-2036)",
			"01-05-2018|vóór het besluit van de campagne (14-05-2018)" })
	void aContractEndDateThatIsNoDayOrOutOfRangeIsRefusedAndNothingIsStored(String typed, String message) {
		ProcessInstance pi = startAtSignOff();
		complete(task(pi), withVariables("signOff", true));
		int recorded = record.entries.size();

		assertThatThrownBy(() -> engine.getFormService().submitTaskForm(task(pi).getId(),
				Map.of("contractEndedOn", typed, "contractEndRemarks", "Opgezegd")))
			.as("a form validation failure: Camunda's REST answers 400 with this message, which Tasklist shows")
			.isInstanceOf(FormFieldValidationException.class)
			.hasMessageStartingWith("Einde contract: ")
			.hasMessageContaining(message);

		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);
		assertThat(engine.getRuntimeService().getVariables(pi.getId())).doesNotContainKeys("contractEndedOn",
				"contractEndRemarks");
		assertThat(record.entries).hasSize(recorded);
	}

	@Test
	@Tag("security")
	void theContractsEndIsConfirmedWithItsDay() {
		ProcessInstance pi = startAtSignOff();
		complete(task(pi), withVariables("signOff", true));

		assertThatThrownBy(() -> complete(task(pi), withVariables("contractEndRemarks", "Opgezegd")))
			.hasMessageContaining("Einde contract: vul de dag in");

		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);
	}

	@Test
	@Tag("security")
	void theContractReviewsEndDateIsADayAsTypedAndStoredAsIso() {
		inventory.scanned(ORG, 4, 2, 0, T0);
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");
		assertThat(pi).isWaitingAt(TASK_REVIEW_CONTRACTS);

		assertThatThrownBy(() -> complete(task(pi), withVariables("runningContract", "true", "contractEndDate",
				"31-02-2027", "noticePeriodDays", 90L)))
			.hasMessageContaining("Einddatum contract: '31-02-2027' is geen bestaande datum");
		assertThat(pi).isWaitingAt(TASK_REVIEW_CONTRACTS);

		complete(task(pi), withVariables("runningContract", "true", "contractEndDate", "1-3-2027", "noticePeriodDays",
				90L, "contractRemarks", "Verlenging afgezegd"));
		assertThat(pi).isWaitingAt(TASK_CHOOSE_ALTERNATIVE);
		assertThat(engine.getRuntimeService().getVariable(pi.getId(), "contractEndDate")).isEqualTo("2027-03-01");
	}

	@Test
	@Tag("security")
	void aNoteLongerThan4000CharactersIsRefusedWithAMessageAndNothingIsStored() {
		ProcessInstance pi = startAtSignOff();
		int recorded = record.entries.size();

		assertThatThrownBy(() -> engine.getFormService().submitTaskForm(task(pi).getId(),
				Map.of("signOff", "true", "signOffNote", "x".repeat(5000))))
			.isInstanceOf(FormFieldValidationException.class)
			.hasMessage("De tekst in 'signOffNote' is te lang: 5000 tekens, ten hoogste 4000 zijn toegestaan."
					+ " Kort de tekst in en verstuur het formulier opnieuw.");

		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION);
		assertThat(engine.getRuntimeService().getVariables(pi.getId())).doesNotContainKeys("signOffNote");
		assertThat(record.entries).hasSize(recorded);

		complete(task(pi), withVariables("signOff", "true", "signOffNote", "x".repeat(4000)));
		assertThat(pi).isWaitingAt(TASK_CONFIRM_CONTRACT_ENDED);
	}

	@Test
	@Tag("security")
	void endpointsAsAFeedNamedThemReachTheFormAsInertText() {
		inventory.named(ORG,
				new InventoryState.Endpoint("[klik hier](https://evil.example/login)", "<img src=x onerror=alert(1)>",
						T0, "urn:feed:\u202Eevil"),
				new InventoryState.Endpoint("pc-1\n- pc-2: schoon", "Kaspersky\u200B Endpoint Security", T0,
						"urn:feed:a"));
		ProcessInstance pi = startAtRollout();
		inventory.scanned(ORG, 4, 1, 1, T0.plus(Duration.ofDays(1)));
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(TASK_RESOLVE_PROTECTION_GAP);

		String list = (String) engine.getRuntimeService().getVariable(pi.getId(), "gapEndpointsList");

		assertThat(list).as("one line per endpoint; no hidden character, shown by its code point instead")
			.isEqualTo("- [klik hier](https://evil.example/login): <img src=x onerror=alert(1)> (gemeld op "
					+ "5 januari 2026 10:00 door bron urn:feed:[U+202E]evil)\n"
					+ "- pc-1[U+000A]- pc-2: schoon: Kaspersky[U+200B] Endpoint Security (gemeld op "
					+ "5 januari 2026 10:00 door bron urn:feed:a)\n");
		assertThat(FormFiles.field("resolve-protection-gap", "gapEndpointsList"))
			.as("shown in a read-only text area, which renders its value as text, never as Markdown or HTML")
			.containsEntry("type", "textarea")
			.containsEntry("readonly", true);
	}

	@Test
	void planAndRolloutStartAreMilestonesOfTheirOwn() {
		Instant due = T0.plus(Duration.ofDays(30));
		inventory.scanned(ORG, 4, 1, 0, T0);
		ProcessInstance pi = start("CENTRAL_GOVERNMENT", Map.of("plan", due, "rolloutStart", due));
		complete(task(pi), withVariables("runningContract", "false"));
		assertThat(pi).isWaitingAt(TASK_CHOOSE_ALTERNATIVE);

		at(due.plusSeconds(1));
		engine.getManagementService().createJobQuery().timers().list().forEach(job -> execute(job));

		assertThat(events.deadlinesMissed).as("contracts reviewed: the plan is made, the rollout not started")
			.containsExactly("rolloutStart");
		assertThat(task(TASK_HANDLE_MISSED_DEADLINE, pi)).isNotNull();
		assertThat(engine.getRuntimeService()
			.createVariableInstanceQuery()
			.processInstanceIdIn(pi.getId())
			.variableName("milestonePhase")
			.singleResult()
			.getValue()).isEqualTo("ROLLOUT");
	}

	@Test
	void milestonesMapToTheirPhases() {
		assertThat(Milestone.reachedDeadlines(Phase.ALTERNATIVE)).containsExactly("inventory", "plan");
		assertThat(Milestone.reachedDeadlines(Phase.ROLLOUT)).containsExactly("inventory", "plan", "rolloutStart");
		assertThat(Milestone.reachedDeadlines(Phase.DECLINED)).isEmpty();
		assertThat(Milestone.reachedDeadlines(Phase.PHASED_OUT)).hasSize(4);
	}

	@Test
	void aMissedDeadlinesTaskClosesItselfWhenTheMilestoneIsReachedLate() {
		Instant due = T0.plus(Duration.ofDays(30));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT", Map.of("inventory", due));
		at(due.plusSeconds(1));
		execute(engine.getManagementService().createJobQuery().timers().singleResult());
		assertThat(task(TASK_HANDLE_MISSED_DEADLINE, pi)).hasName("Gemiste mijlpaal afhandelen (inventarisatie): "
				+ ORG_NAME);

		inventory.scanned(ORG, 4, 1, 0, due.plus(Duration.ofDays(2)));
		process.inventoryChanged(ORG);

		assertThat(pi).isWaitingAtExactly(TASK_REVIEW_CONTRACTS).isNotWaitingAt(TASK_HANDLE_MISSED_DEADLINE);
	}

	@Test
	void projectManagersTasksAreDueOnTheirMilestonesDeadline() {
		Instant plan = T0.plus(Duration.ofDays(60));
		Instant rolloutStart = T0.plus(Duration.ofDays(90));
		inventory.scanned(ORG, 4, 1, 0, T0);
		ProcessInstance pi = start("CENTRAL_GOVERNMENT", Map.of("plan", plan, "rolloutStart", rolloutStart));

		assertThat(task(TASK_REVIEW_CONTRACTS, pi)).hasDueDate(Date.from(plan));
		complete(task(pi), withVariables("runningContract", "true", "contractEndDate", "2026-12-31",
				"noticePeriodDays", 30L));
		assertThat(task(TASK_CHOOSE_ALTERNATIVE, pi)).hasDueDate(Date.from(rolloutStart));
	}

	@Test
	void theAdviceAndTheContractReviewAreExplicitChoices() {
		ProcessInstance advised = start("VITAL_PROVIDER");
		assertThatThrownBy(() -> complete(task(advised), withVariables("rationale", "not ticked, not decided")))
			.hasMessageContaining("phaseOut must be true to phase out, false to decline the advice");

		complete(task(advised), withVariables("phaseOut", "true", "rationale", "We follow the advice"));
		assertThat(advised).variables().containsEntry("phaseOut", true);
		inventory.scanned(ORG, 4, 1, 0, T0);
		process.inventoryChanged(ORG);
		assertThatThrownBy(() -> complete(task(advised), withVariables("runningContract", "perhaps")))
			.hasMessageContaining("runningContract must be");
		complete(task(advised), withVariables("contractEndDate", "2026-12-31", "noticePeriodDays", 30L));
		assertThat(advised).as("a client sending the contract's variables only has a running contract")
			.isWaitingAt(TASK_CHOOSE_ALTERNATIVE)
			.variables()
			.containsEntry("runningContract", true);
	}

	@Test
	void theAlternativeIsChosenFromTheKnownOnesOrTyped() {
		ProcessInstance known = startAtAlternative();
		complete(task(known), withVariables("alternativeChoice", "ESET|PROTECT", "rationale", "Framework contract"));
		assertThat(known).variables().containsEntry("alternativeVendor", "ESET").containsEntry("alternativeProduct",
				"PROTECT");
		assertThat(record.of(ProcessRecord.Kind.ALTERNATIVE).get(0).data()).containsEntry("alternativeVendor", "ESET");
	}

	@Test
	void variablesAnAdministratorSetsDoNotChangeWhomTheProcessActsForOrHow() {
		inventory.scanned(ORG, 4, 2, 0, T0);
		Instant rolloutStart = T0.plus(Duration.ofDays(60));
		ProcessInstance pi = start("CENTRAL_GOVERNMENT", Map.of("rolloutStart", rolloutStart));
		assertThat(pi).isWaitingAt(TASK_REVIEW_CONTRACTS);
		Map<String, Object> forged = new java.util.HashMap<>();
		forged.put("organisationId", "MIN-BZK");
		forged.put("campaignId", "windows-10-eos-2025");
		forged.put("organisationName", "<img src=x>");
		forged.put("pmGroup", "pm-min-bzk");
		forged.put("category", "MUNICIPALITY");
		forged.put("bannedVendors", "Microsoft*");
		forged.put("applicabilityDecisionKey", "none");
		forged.put("deadline_rolloutStart", Date.from(T0.plus(Duration.ofDays(1))));
		engine.getRuntimeService().setVariables(pi.getId(), forged);
		record.reset();
		events.reset();

		complete(task(pi), withVariables("runningContract", "false"));

		assertThat(pi).isWaitingAt(TASK_CHOOSE_ALTERNATIVE);
		assertThat(task(pi)).hasCandidateGroup("pm-min-jenv").hasName("Alternatief kiezen: " + ORG_NAME)
			.hasDueDate(Date.from(rolloutStart));
		assertThat(record.recordedFor).isNotEmpty().containsOnly(CAMPAIGN + "/" + ORG);
		assertThat(events.phaseChanges).extracting(RecordingProcessEvents.PhaseChange::organisationId).containsOnly(ORG);
	}

	@Test
	void tasksFollowTheOrganisationsNameAndGroupAsTheTablesHaveThem() {
		inventory.scanned(ORG, 4, 2, 0, T0);
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");
		participants.registered(new ProcessStart(CAMPAIGN, ORG, "Justitie en Veiligheid", "CENTRAL_GOVERNMENT",
				"pm-jenv-nieuw", ProcessConstants.APPLICABILITY_DECISION, FakeParticipants.kaspersky(), Map.of()));

		complete(task(pi), withVariables("runningContract", "false"));

		assertThat(task(pi)).hasCandidateGroup("pm-jenv-nieuw").hasName("Alternatief kiezen: Justitie en Veiligheid");
	}

	@Test
	void anAlternativeTypedNeedsItsVendorAndProduct() {
		ProcessInstance typed = startAtAlternative();
		assertThatThrownBy(() -> complete(task(typed), withVariables("alternativeChoice", "other", "rationale", "x")))
			.hasMessageContaining("alternativeVendor and alternativeProduct");
		complete(task(typed), withVariables("alternativeChoice", "other", "alternativeVendor", "G DATA",
				"alternativeProduct", "Endpoint Protection", "rationale", "Made in Germany"));
		assertThat(typed).isWaitingAt(WAIT_ROLLOUT_COMPLETE);
	}

	private ProcessInstance startAtAlternative() {
		inventory.scanned(ORG, 4, 2, 0, T0);
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");
		complete(task(pi), withVariables("runningContract", "false"));
		assertThat(pi).isWaitingAt(TASK_CHOOSE_ALTERNATIVE);
		return pi;
	}

	// --- helpers

	private ProcessInstance start(String category) {
		return start(category, Map.of());
	}

	private ProcessInstance start(String category, Map<String, Instant> deadlines) {
		ProcessStart start = startOf(category, deadlines);
		participants.registered(start);
		String id = process.start(start);
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceId(id)
			.singleResult() != null ? runningInstance(id) : endedInstance(id);
	}

	private static ProcessStart startOf(String category, Map<String, Instant> deadlines) {
		return new ProcessStart(CAMPAIGN, ORG, ORG_NAME, category, "pm-min-jenv",
				ProcessConstants.APPLICABILITY_DECISION, FakeParticipants.kaspersky(), deadlines);
	}

	/** A mandatory organisation with a banned product, its alternative chosen: rolling out. */
	private ProcessInstance startAtRollout() {
		inventory.scanned(ORG, 4, 2, 0, T0);
		ProcessInstance pi = start("CENTRAL_GOVERNMENT");
		complete(task(pi), withVariables("runningContract", "false"));
		complete(task(pi), withVariables("alternativeVendor", "Microsoft", "alternativeProduct", "Defender"));
		assertThat(pi).isWaitingAt(WAIT_ROLLOUT_COMPLETE, WAIT_PROTECTION_GAP);
		return pi;
	}

	/** Rolled out and verified: the PM is asked to sign off. */
	private ProcessInstance startAtSignOff() {
		ProcessInstance pi = startAtRollout();
		rolloutCompleteAt(T0.plus(Duration.ofDays(1)));
		at(T0.plus(Duration.ofDays(2)));
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(WAIT_VERIFICATION_SCAN);
		inventory.scanned(ORG, 4, 0, 0, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3)), 4);
		process.inventoryChanged(ORG);
		assertThat(pi).isWaitingAt(TASK_SIGN_OFF_VERIFICATION);
		return pi;
	}

	/** The last endpoint replaced at this inventory time; the last scan completed before it. */
	private void rolloutCompleteAt(Instant inventoryTime) {
		inventory.scanned(ORG, 4, 0, 0, inventoryTime, inventoryTime.minus(Duration.ofHours(2)), 4);
	}

	private ProcessInstance runningInstance(String id) {
		return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
	}

	/** camunda-bpm-assert only needs the id of an instance that already ended. */
	private ProcessInstance endedInstance(String id) {
		var execution = new org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity();
		execution.setId(id);
		execution.setProcessInstanceId(id);
		return execution;
	}

	private Object historicVariable(ProcessInstance pi, String name) {
		return engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(pi.getId())
			.variableName(name)
			.singleResult()
			.getValue();
	}

	private List<Date> timerDueDates() {
		return engine.getManagementService().createJobQuery().timers().list().stream().map(j -> j.getDuedate()).toList();
	}

	private static void at(Instant moment) {
		ClockUtil.setCurrentTime(Date.from(moment));
	}

}
