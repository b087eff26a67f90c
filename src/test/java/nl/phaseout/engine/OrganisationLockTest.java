package nl.phaseout.engine;

import static nl.phaseout.engine.Integration.defender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.inventory.InventoryState;
import nl.phaseout.engine.process.PhaseoutProcess;
import nl.phaseout.engine.process.ProcessConstants;

/**
 * What the process decides on an organisation, it decides under the same lock as ingestion takes
 * for it (the organisation's counts row), so an event that lands meanwhile is never lost and two
 * nodes never decide twice. Shown by holding the lock in a transaction of the test's own and
 * watching who waits for it (H2 names the session that blocks another).
 */
class OrganisationLockTest extends EndToEndTest {

	private static final String CAMPAIGN = Campaign.DEFAULT_ID;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	InventoryState inventory;

	@Autowired
	PhaseoutProcess process;

	@Autowired
	RuntimeService runtime;

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
	void gatewayReadsOfSelectionsAndTerminationsWaitForTheOrganisationsLock() throws Exception {
		String org = Organisations.newId("LOCK");
		inTransaction(() -> inventory.snapshot(CAMPAIGN, org));

		try (HeldLock lock = new HeldLock(org)) {
			CompletableFuture<?> selection = CompletableFuture
				.supplyAsync(() -> inTransaction(() -> inventory.alternativeSelection(CAMPAIGN, org)));
			CompletableFuture<?> terminations = CompletableFuture
				.supplyAsync(() -> inTransaction(() -> inventory.contractTerminations(CAMPAIGN, org)));
			lock.awaitWaiting(2);
			assertThat(selection).isNotDone();
			assertThat(terminations).isNotDone();
		}
	}

	@Test
	void twoNodesSeeingTheSameRegressionReopenThePhaseOutOnce() throws Exception {
		String org = Organisations.newId("LOCK");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		try (Integration intune = new Integration(bootstrapServers, "/test/intune")) {
			Instant t = Instant.now().minus(Duration.ofHours(1));
			intune.observed(org, "pc-1", t, List.of(defender("active")));
			intune.scanCompleted(org, "baseline", t.plusSeconds(60), 1);
		}
		organisations.complete(organisations.projectManagerOf(org), org, "Task_SignOffVerification",
				Map.of("signOff", true));
		organisations.awaitPhase(org, "PHASED_OUT");
		// a banned product in the projection, as a batch being committed on another node leaves it
		jdbc.update("UPDATE inv_endpoint_counts SET banned = 1, protected_count = 0 WHERE campaign_id = ?"
				+ " AND organisation_id = ?", CAMPAIGN, org);

		List<CompletableFuture<Boolean>> nodes = new ArrayList<>();
		try (HeldLock lock = new HeldLock(org)) {
			for (int node = 0; node < 2; node++) {
				nodes.add(CompletableFuture
					.supplyAsync(() -> inTransaction(() -> process.regression(CAMPAIGN, org))));
			}
			lock.awaitWaiting(2);
		}

		List<Boolean> reopened = nodes.stream().map(CompletableFuture::join).toList();
		assertThat(reopened).containsExactlyInAnyOrder(true, false);
		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessConstants.PROCESS_KEY)
			.processInstanceBusinessKey(org)
			.count()).isEqualTo(1);
	}

	private <T> T inTransaction(Supplier<T> work) {
		return transaction.execute(status -> work.get());
	}

	/** The organisation's counts row locked in a transaction of its own, until closed. */
	private final class HeldLock implements AutoCloseable {

		private final CountDownLatch locked = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private final CompletableFuture<Void> holder;

		private volatile int session;

		HeldLock(String org) throws InterruptedException {
			holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
				jdbc.queryForList("SELECT total FROM inv_endpoint_counts WHERE campaign_id = ? AND organisation_id = ?"
						+ " FOR UPDATE", CAMPAIGN, org);
				session = jdbc.queryForObject("SELECT SESSION_ID()", Integer.class);
				locked.countDown();
				try {
					release.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
		}

		/** Waits until this many other sessions wait for this lock. */
		void awaitWaiting(int sessions) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(jdbc.queryForObject(
						"SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = ?", Integer.class, session))
					.isEqualTo(sessions));
		}

		@Override
		public void close() {
			release.countDown();
			holder.join();
		}

	}

}
