package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.phaseout.engine.tags.NeedsPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the signal workers do differently by database: how many organisations a round delivers by
 * default (fewer on H2, whose page cache must hold what a round changed until it commits; an operator's
 * setting wins on either), and, on PostgreSQL, making organisations claimable without waiting for a
 * claim another worker holds and without failing on one that is already there.
 */
@NeedsPostgres
class SignalWorkerRoundTest {

	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

	@Test
	void aRoundOnH2IsSmallerThanOnPostgresqlUnlessSet() {
		var h2 = new DriverManagerDataSource("jdbc:h2:mem:signal-worker-round;DB_CLOSE_DELAY=-1", "sa", "");
		var postgres = new DriverManagerDataSource(POSTGRES, "postgres", "");

		assertThat(worker(h2, null).round()).isEqualTo(SignalWorker.ROUND_ON_H2);
		assertThat(worker(postgres, null).round()).isEqualTo(SignalWorker.ROUND);
		assertThat(worker(h2, 60).round()).isEqualTo(60);
		assertThat(worker(postgres, 7).round()).isEqualTo(7);
		assertThat(SignalWorker.ROUND_ON_H2).isLessThan(SignalWorker.ROUND);
	}

	@Test
	void onPostgresqlMissingClaimsAreMadeWithoutWaitingForOneHeldAndTwiceIsOnce() throws Exception {
		String schema = "signal_claims_" + UUID.randomUUID().toString().substring(0, 8);
		JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(POSTGRES, "postgres", ""));
		admin.execute("CREATE SCHEMA " + schema);
		ExecutorService holder = Executors.newSingleThreadExecutor();
		CountDownLatch release = new CountDownLatch(1);
		try {
			var dataSource = new DriverManagerDataSource(POSTGRES + "?currentSchema=" + schema, "postgres", "");
			// the table as V15 makes it (the migration also alters process_signal, which this test has not)
			new JdbcTemplate(dataSource)
				.execute("CREATE TABLE process_signal_claim (organisation_id VARCHAR(100) PRIMARY KEY)");
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			ProcessInbox inbox = new ProcessInbox(jdbc);
			TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
			inbox.createMissingClaims(List.of("ORG-held"));
			CountDownLatch held = new CountDownLatch(1);
			holder.submit(() -> transaction.executeWithoutResult(status -> {
				// as a worker claims it (ProcessInbox.claim), without the signals this schema has no table for
				jdbc.queryForList("SELECT organisation_id FROM process_signal_claim WHERE organisation_id = 'ORG-held'"
						+ " FOR UPDATE SKIP LOCKED");
				held.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

			transaction.executeWithoutResult(status -> inbox.createMissingClaims(List.of("ORG-held", "ORG-new")));
			transaction.executeWithoutResult(status -> inbox.createMissingClaims(List.of("ORG-new")));

			assertThat(inbox.unclaimable(List.of("ORG-held", "ORG-new"))).isEmpty();
			assertThat(release.getCount()).as("made claimable while the other claim was held").isOne();

			// another node's worker makes the same new organisation claimable at the same moment: this one waits
			// for its insert and then leaves the row as it is, instead of failing on the duplicate
			CountDownLatch inserted = new CountDownLatch(1);
			CountDownLatch commit = new CountDownLatch(1);
			var otherNode = holder.submit(() -> transaction.executeWithoutResult(status -> {
				jdbc.update("INSERT INTO process_signal_claim (organisation_id) VALUES ('ORG-race')");
				inserted.countDown();
				try {
					commit.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}));
			release.countDown();
			assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
			var thisNode = Executors.newSingleThreadExecutor()
				.submit(() -> transaction.executeWithoutResult(status -> inbox.createMissingClaims(List.of("ORG-race"))));
			// this node's insert waits for the other's row: PostgreSQL shows it waiting on a lock
			await().atMost(Duration.ofSeconds(10))
				.until(() -> admin.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
						+ " AND query LIKE 'INSERT INTO process_signal_claim%ON CONFLICT DO NOTHING'", Integer.class) > 0);
			commit.countDown();
			otherNode.get(10, TimeUnit.SECONDS);
			thisNode.get(10, TimeUnit.SECONDS);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM process_signal_claim WHERE organisation_id = 'ORG-race'",
					Integer.class)).isOne();
		}
		finally {
			release.countDown();
			holder.shutdown();
			holder.awaitTermination(10, TimeUnit.SECONDS);
			admin.execute("DROP SCHEMA " + schema + " CASCADE");
		}
	}

	private static SignalWorker worker(DriverManagerDataSource dataSource, Integer round) {
		return new SignalWorker(new ProcessInbox(new JdbcTemplate(dataSource)),
				new DataSourceTransactionManager(dataSource), null, new SimpleMeterRegistry(),
				new ProcessProperties(1, round));
	}

}
