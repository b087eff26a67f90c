package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import nl.phaseout.engine.inventory.Signal;
import nl.phaseout.engine.process.ProcessInbox.Lane;
import nl.phaseout.engine.process.ProcessInbox.Recorded;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/** The process's inbox on a real database: what it keeps, when it is due, and when it wakes the worker. */
class ProcessInboxTest {

	private static JdbcTemplate jdbc;

	private static TransactionTemplate transaction;

	private static DataSourceTransactionManager transactionManager;

	private final AtomicInteger wakeUps = new AtomicInteger();

	private final Set<Integer> wokenLaneKeys = new HashSet<>();

	private static final Lane ALL = new Lane(0, 1);

	private ProcessInbox inbox;

	private String org;

	@BeforeAll
	static void database() {
		var dataSource = new DriverManagerDataSource("jdbc:h2:mem:process-inbox;DB_CLOSE_DELAY=-1", "sa", "");
		jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("DROP ALL OBJECTS");
		new ResourceDatabasePopulator(new ClassPathResource("db/migration/V2__inventory.sql"),
				new ClassPathResource("db/migration/V3__processed_event_by_id.sql"),
				new ClassPathResource("db/migration/V4__endpoint_repeats_and_process_signals.sql"),
				new ClassPathResource("db/migration/V13__process_signal.sql"),
				new ClassPathResource("db/migration/V15__process_signal_claims.sql"))
			.execute(dataSource);
		transactionManager = new DataSourceTransactionManager(dataSource);
		transaction = new TransactionTemplate(transactionManager);
	}

	@BeforeEach
	void setUp() {
		jdbc.update("DELETE FROM process_signal");
		inbox = new ProcessInbox(jdbc);
		inbox.onCommit(laneKeys -> {
			wakeUps.incrementAndGet();
			wokenLaneKeys.addAll(laneKeys);
		});
		org = "ORG-" + UUID.randomUUID();
	}

	@Test
	void theWorkerIsWokenOnceTheRecordingTransactionCommitsNotBefore() {
		transaction.executeWithoutResult(status -> {
			inbox.record(List.of(Signal.inventoryChanged(org)));
			assertThat(wakeUps).as("not before the signals can be read").hasValue(0);
		});

		assertThat(wakeUps).hasValue(1);
		assertThat(wokenLaneKeys).containsExactly(Lane.key(org));
		assertThat(due()).extracting(ProcessInbox.Recorded::signal).containsExactly(Signal.inventoryChanged(org));
	}

	@Test
	void aRolledBackRecordingKeepsNothingAndWakesNobody() {
		transaction.executeWithoutResult(status -> {
			inbox.record(List.of(Signal.inventoryChanged(org)));
			status.setRollbackOnly();
		});

		assertThat(wakeUps).hasValue(0);
		assertThat(inbox.pending()).isZero();
	}

	@Test
	void aContractEndingOnADayToComeIsDueThenAndOneThatEndedIsDueNow() {
		String ended = org + "-ended";
		Signal toCome = Signal.contractEnds(org, LocalDate.now().plusDays(30));
		transaction.executeWithoutResult(status -> inbox.record(List.of(toCome,
				Signal.contractEnds(ended, LocalDate.now().minusDays(1)))));

		assertThat(inbox.pending()).isEqualTo(2);
		assertThat(due()).extracting(ProcessInbox.Recorded::signal).containsExactly(Signal.contractTerminated(ended));
		// the start of that day in the contracts' time zone, whatever the hour the test runs at (in the last hour
		// of a UTC day, Amsterdam's next day has begun)
		assertThat(jdbc.queryForObject("SELECT next_attempt_at FROM process_signal WHERE organisation_id = ?",
				Timestamp.class, org).toInstant()).isEqualTo(toCome.due())
			.isAfter(Instant.now().plus(Duration.ofDays(28)));
	}

	@Test
	void signalsAreOrderedByOrganisationFirstAsIngestionLocksThem() {
		assertThat(List.of(Signal.bannedAppeared("kaspersky", "B"), Signal.inventoryChanged("C"),
				Signal.inventoryChanged("A"), Signal.inventoryChanged("B")).stream().sorted())
			.containsExactly(Signal.inventoryChanged("A"), Signal.inventoryChanged("B"),
					Signal.bannedAppeared("kaspersky", "B"), Signal.inventoryChanged("C"));
	}

	@Test
	void anOrganisationClaimedByOneWorkerIsSkippedByAnotherUntilItsRoundCommits() throws Exception {
		String other = org + "-other";
		inbox.record(List.of(Signal.inventoryChanged(org), Signal.inventoryChanged(other)));
		inbox.createMissingClaims(List.of(org, other));
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService firstWorker = Executors.newSingleThreadExecutor();
		try {
			Future<List<Recorded>> first = holdRound(firstWorker, List.of(org), release);

			List<Recorded> second = claim(List.of(org, other));

			assertThat(second).as("the claimed organisation skipped, not waited for")
				.extracting(recorded -> recorded.signal().organisationId())
				.containsExactly(other);
			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).extracting(recorded -> recorded.signal().organisationId())
				.containsExactly(org);
			assertThat(claim(List.of(org))).as("delivered once, then gone")
				.isEmpty();
		}
		finally {
			release.countDown();
			firstWorker.shutdownNow();
		}
	}

	@Test
	void aRoundMakesItsNewOrganisationsClaimableInItsOwnTransactionWithoutWaitingForAnotherWorkersClaim()
			throws Exception {
		String fresh = org + "-fresh";
		inbox.record(List.of(Signal.inventoryChanged(org), Signal.inventoryChanged(fresh)));
		inbox.createMissingClaims(List.of(org));
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService firstWorker = Executors.newSingleThreadExecutor();
		try {
			Future<List<Recorded>> first = holdRound(firstWorker, List.of(org), release);

			List<Recorded> second = transaction.execute(status -> {
				inbox.createMissingClaims(List.of(org, fresh));
				return inbox.claim(List.of(org, fresh));
			});

			assertThat(second).as("the new organisation made claimable and claimed; the held one skipped")
				.extracting(recorded -> recorded.signal().organisationId())
				.containsExactly(fresh);
			assertThat(inbox.unclaimable(List.of(org, fresh))).isEmpty();
			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
		}
		finally {
			release.countDown();
			firstWorker.shutdownNow();
		}
	}

	/**
	 * The same lane's worker on every node reads the same oldest signals: one that finds all of them
	 * held by another node's worker goes on to the next, rather than sleeping while they wait.
	 */
	@Test
	void aWorkerFindingTheOldestSignalsHeldElsewhereDeliversTheNextOnes() throws Exception {
		List<String> organisations = IntStream.range(0, SignalWorker.ROUND + 5)
			.mapToObj(i -> String.format("%s-%03d", org, i))
			.toList();
		organisations.forEach(organisation -> inbox.record(List.of(Signal.inventoryChanged(organisation))));
		List<String> oldest = inbox.dueOrganisations(ALL, SignalWorker.ROUND, Set.of());
		inbox.createMissingClaims(oldest);
		RecordingSignalWorker thisNode = new RecordingSignalWorker(jdbc, transactionManager,
				new SimpleMeterRegistry());
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService otherNode = Executors.newSingleThreadExecutor();
		try {
			Future<List<Recorded>> otherRound = holdRound(otherNode, oldest, release);

			assertThat(thisNode.deliverDue()).as("signals taken while the other node holds the oldest").isEqualTo(5);
			assertThat(thisNode.calls).containsExactlyElementsOf(organisations.subList(SignalWorker.ROUND,
					SignalWorker.ROUND + 5).stream().map(organisation -> "inventoryChanged " + organisation).toList());
			release.countDown();
			assertThat(otherRound.get(10, TimeUnit.SECONDS)).hasSize(SignalWorker.ROUND);
		}
		finally {
			release.countDown();
			otherNode.shutdownNow();
		}
		assertThat(inbox.pending()).isZero();
	}

	@Test
	void lanesSplitTheOrganisationsAndKeepEachInOne() {
		List<String> organisations = IntStream.range(0, 40).mapToObj(i -> org + "-" + i).toList();
		inbox.record(organisations.stream().map(Signal::inventoryChanged).toList());
		inbox.record(organisations.stream().map(Signal::alternativeSelected).toList());

		List<List<String>> lanes = IntStream.range(0, 4)
			.mapToObj(index -> inbox.dueOrganisations(new Lane(index, 4), 1000, Set.of()))
			.toList();

		assertThat(lanes.stream().flatMap(List::stream)).as("every organisation in exactly one lane")
			.containsExactlyInAnyOrderElementsOf(organisations);
		assertThat(lanes).allSatisfy(lane -> assertThat(lane).isNotEmpty());
		assertThat(lanes.get(0)).allSatisfy(organisation -> assertThat(Lane.key(organisation) % 4).isZero());
	}

	private List<Recorded> due() {
		List<String> organisations = inbox.dueOrganisations(ALL, 10, Set.of());
		inbox.createMissingClaims(organisations);
		return claim(organisations);
	}

	private List<Recorded> claim(List<String> organisations) {
		List<Recorded> claimed = transaction.execute(status -> inbox.claim(organisations));
		return claimed == null ? List.of() : claimed;
	}

	/**
	 * Another worker's round on {@code worker}: claims the organisations, holds them until {@code release},
	 * then deletes their signals and commits; returns once they are claimed.
	 */
	private Future<List<Recorded>> holdRound(ExecutorService worker, List<String> organisations,
			CountDownLatch release) throws InterruptedException {
		CountDownLatch claimed = new CountDownLatch(1);
		Future<List<Recorded>> round = worker.submit(() -> transaction.execute(status -> {
			List<Recorded> signals = inbox.claim(organisations);
			claimed.countDown();
			await(release);
			inbox.delete(signals);
			return signals;
		}));
		assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
		return round;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
