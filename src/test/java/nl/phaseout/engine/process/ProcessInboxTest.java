package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

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

	private final AtomicInteger wakeUps = new AtomicInteger();

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
				new ClassPathResource("db/migration/V13__process_signal.sql"))
			.execute(dataSource);
		transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	@BeforeEach
	void setUp() {
		jdbc.update("DELETE FROM process_signal");
		inbox = new ProcessInbox(jdbc);
		inbox.onCommit(wakeUps::incrementAndGet);
		org = "ORG-" + UUID.randomUUID();
	}

	@Test
	void theWorkerIsWokenOnceTheRecordingTransactionCommitsNotBefore() {
		transaction.executeWithoutResult(status -> {
			inbox.record(List.of(Signal.inventoryChanged(org)));
			assertThat(wakeUps).as("not before the signals can be read").hasValue(0);
		});

		assertThat(wakeUps).hasValue(1);
		assertThat(inbox.due(10)).extracting(ProcessInbox.Recorded::signal).containsExactly(Signal.inventoryChanged(org));
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
		transaction.executeWithoutResult(status -> inbox.record(List.of(
				Signal.contractEnds(org, LocalDate.now().plusDays(30)),
				Signal.contractEnds(ended, LocalDate.now().minusDays(1)))));

		assertThat(inbox.pending()).isEqualTo(2);
		assertThat(inbox.due(10)).extracting(ProcessInbox.Recorded::signal)
			.containsExactly(Signal.contractTerminated(ended));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM process_signal WHERE organisation_id = ?"
				+ " AND next_attempt_at > CURRENT_TIMESTAMP + INTERVAL '29' DAY", Long.class, org)).isEqualTo(1);
	}

	@Test
	void signalsAreOrderedByOrganisationFirstAsIngestionLocksThem() {
		assertThat(List.of(Signal.bannedAppeared("kaspersky", "B"), Signal.inventoryChanged("C"),
				Signal.inventoryChanged("A"), Signal.inventoryChanged("B")).stream().sorted())
			.containsExactly(Signal.inventoryChanged("A"), Signal.inventoryChanged("B"),
					Signal.bannedAppeared("kaspersky", "B"), Signal.inventoryChanged("C"));
	}

}
