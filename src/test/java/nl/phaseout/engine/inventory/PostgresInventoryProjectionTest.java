package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.TestRecords.KASPERSKY_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.observed;
import static nl.phaseout.engine.inventory.TestRecords.products;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Needs PostgreSQL at 127.0.0.1:5432, database {@code test}, user {@code postgres}; uses schema {@code inventory_test}. */
@Tag("postgres")
class PostgresInventoryProjectionTest extends InventoryProjectionContract {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static ProjectionFixture shared;

	@Override
	ProjectionFixture fixture() {
		if (shared == null) {
			var admin = new JdbcTemplate(new DriverManagerDataSource(URL, "postgres", ""));
			admin.execute("DROP SCHEMA IF EXISTS inventory_test CASCADE");
			admin.execute("CREATE SCHEMA inventory_test");
			shared = new ProjectionFixture(
					new DriverManagerDataSource(URL + "?currentSchema=inventory_test", "postgres", ""));
		}
		return shared;
	}

	@Test
	void ingestionWaitsWhileTheProcessHoldsTheOrganisationsSnapshot() throws Exception {
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Long> processCheck = CompletableFuture.supplyAsync(() -> fixture.inTransaction(() -> {
			long banned = fixture.state.snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, org).banned();
			locked.countDown();
			await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
			return banned;
		}));
		assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<ProjectionResult> ingestion = CompletableFuture.supplyAsync(() -> fixture
			.apply(observed(org, "ep-1", UUID.randomUUID().toString(), "2024-05-01T10:00:00Z",
					products(KASPERSKY_ACTIVE))));

		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !ingestion.isDone());
		release.countDown();
		assertThat(processCheck.get(30, TimeUnit.SECONDS)).isZero();
		assertThat(ingestion.get(30, TimeUnit.SECONDS).count(Outcome.ACCEPTED)).isEqualTo(1);
		assertThat(fixture.snapshot(org).banned()).isEqualTo(1);
	}

	/**
	 * The process asks for the organisation's snapshot at every step of a round: once locked, the lock
	 * is not taken again within the transaction, and still holds; the next transaction takes it anew.
	 */
	@Test
	void aSnapshotAskedAgainInTheSameTransactionStillHoldsTheLockAndTheNextTransactionTakesItAnew() throws Exception {
		assertThat(snapshotsWhileIngestionWaits("ep-1")).as("first transaction").containsExactly(0L, 0L, 0L);
		assertThat(snapshotsWhileIngestionWaits("ep-2")).as("the next one").containsExactly(1L, 1L, 1L);
		assertThat(fixture.snapshot(org).banned()).isEqualTo(2);
	}

	/**
	 * Banned endpoints in three snapshots of one transaction: two, then an observation of {@code endpointId}
	 * published by another, which must wait, then a third; the observation lands once the transaction ended.
	 */
	private List<Long> snapshotsWhileIngestionWaits(String endpointId) throws Exception {
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<List<Long>> processCheck = CompletableFuture.supplyAsync(() -> fixture.inTransaction(() -> {
			List<Long> banned = new ArrayList<>();
			banned.add(fixture.state.snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, org).banned());
			banned.add(fixture.state.snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, org).banned());
			locked.countDown();
			await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
			banned.add(fixture.state.snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, org).banned());
			return banned;
		}));
		assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<ProjectionResult> ingestion = CompletableFuture.supplyAsync(() -> fixture
			.apply(observed(org, endpointId, UUID.randomUUID().toString(), "2024-05-01T10:00:00Z",
					products(KASPERSKY_ACTIVE))));

		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !ingestion.isDone());
		release.countDown();
		List<Long> banned = processCheck.get(30, TimeUnit.SECONDS);
		assertThat(ingestion.get(30, TimeUnit.SECONDS).count(Outcome.ACCEPTED)).isEqualTo(1);
		return banned;
	}

}
