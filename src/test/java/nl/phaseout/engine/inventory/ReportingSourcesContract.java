package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.process.RecordingSignalWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Who may report for whom, on each supported database: a source reports for an organisation when
 * it is trusted or among the organisation's sources; any other event changes nothing and is
 * dead-lettered naming its source; events of an unregistered organisation wait for it, and count
 * only if their source is allowed once it registers, whichever of the two comes first.
 */
abstract class ReportingSourcesContract {

	static final String TRUSTED = "urn:trusted:scanner";

	static final String OWN = "urn:inventory:ministry:intune";

	static final String STRANGER = "urn:attacker:laptop";

	/** The ingestion pipeline over one database, with a stand-in for the registered organisations. */
	static final class Fixture {

		final ProjectionFixture projection;

		final NamedParameterJdbcTemplate named;

		final SimpleMeterRegistry registry = new SimpleMeterRegistry();

		final List<String> deadLetters = java.util.Collections.synchronizedList(new ArrayList<>());

		final Map<String, ConsumerRecord<String, byte[]>> deadLettered = new java.util.concurrent.ConcurrentHashMap<>();

		final InventoryIngestion ingestion;

		final ParkedInventory parked;

		final ParkedEventStore store;

		Fixture(DataSource dataSource) {
			this(dataSource, new InventoryProperties(List.of("urn:trusted:*"), Duration.ofMinutes(5)));
		}

		Fixture(DataSource dataSource, InventoryProperties properties) {
			this.projection = new ProjectionFixture(dataSource);
			this.named = new NamedParameterJdbcTemplate(dataSource);
			projection.jdbc.execute("CREATE TABLE test_registration (organisation_id VARCHAR(100) NOT NULL,"
					+ " pattern VARCHAR(500))");
			var metrics = new InventoryMetrics(registry);
			var inbox = new RecordingSignalWorker(projection.jdbc, projection.transactionManager, registry).inbox();
			DeadLetters recorded = (record, reason) -> {
				deadLetters.add(record.key() + ": " + reason.getMessage());
				deadLettered.put(reason.getMessage(), record);
			};
			RegisteredOrganisations registered = this::registered;
			this.store = new ParkedEventStore(projection.jdbc);
			var refusals = new Refusals(recorded, metrics);
			var check = new SourceCheck(properties, new InventoryFeeds(properties), registered,
					new OrganisationLocks(new CountsRepository(projection.jdbc),
							projection.beans.getBeanProvider(ActiveCampaigns.class)),
					store, refusals);
			var parser = InventoryRecords.defaults();
			this.ingestion = new InventoryIngestion(projection.projection, projection.transactionManager, refusals,
					inbox, parser, check);
			this.parked = new ParkedInventory(store, check, parser, projection.projection, inbox, refusals);
		}

		/** As the organisations module answers: the registered ones, each with its patterns. */
		Map<String, List<String>> registered(Collection<String> organisationIds) {
			Map<String, List<String>> allowed = new HashMap<>();
			named.query("SELECT organisation_id, pattern FROM test_registration WHERE organisation_id IN (:ids)",
					new MapSqlParameterSource("ids", organisationIds), rs -> {
						List<String> patterns = allowed.computeIfAbsent(rs.getString(1), id -> new ArrayList<>());
						if (rs.getString(2) != null) {
							patterns.add(rs.getString(2));
						}
					});
			return allowed;
		}

		/** Registers the organisation as registration does: its row and sources, then the release. */
		void register(String organisationId, String... patterns) {
			projection.jdbc.update("INSERT INTO test_registration (organisation_id, pattern) VALUES (?, NULL)",
					organisationId);
			for (String pattern : patterns) {
				projection.jdbc.update("INSERT INTO test_registration (organisation_id, pattern) VALUES (?, ?)",
						organisationId, pattern);
			}
			parked.release(organisationId);
		}

		double events(String outcome) {
			return registry.counter("phaseout.inventory.events", "outcome", outcome).count();
		}

		long parkedFor(String organisationId) {
			return projection.jdbc.queryForObject("SELECT COUNT(*) FROM inv_parked_event WHERE organisation_id = ?",
					Long.class, organisationId);
		}

	}

	Fixture fixture;

	String org;

	abstract Fixture fixture();

	@BeforeEach
	void setUp() {
		fixture = fixture();
		fixture.deadLetters.clear();
		fixture.deadLettered.clear();
		org = "ORG-" + UUID.randomUUID();
	}

	@Test
	void anOrganisationsOwnSourceReportsForIt() {
		registered(OWN);

		fixture.ingestion.ingest(List.of(observed(OWN, org, "ep-1")));

		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
		assertThat(fixture.deadLetters).isEmpty();
	}

	@Test
	void aPrefixAllowsEverySourceUnderIt() {
		registered("urn:inventory:ministry:*");

		fixture.ingestion.ingest(List.of(observed(OWN, org, "ep-1"), observed("urn:inventory:other:x", org, "ep-2")));

		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
		assertThat(fixture.deadLetters).containsExactly(org + ": " + refusal("urn:inventory:other:x"));
	}

	@Test
	void anEventFromAnotherSourceChangesNothingAndIsDeadLetteredNamingItsSource() {
		registered(OWN);
		fixture.ingestion
			.ingest(List.of(observed(OWN, org, "ep-1", "2024-05-01T10:00:00Z", TestRecords.KASPERSKY_ACTIVE)));
		double refusedBefore = fixture.events("refused");

		fixture.ingestion.ingest(List.of(observed(STRANGER, org, "ep-1", "2024-05-02T10:00:00Z",
				TestRecords.DEFENDER_ACTIVE), scan(STRANGER, org)));

		assertThat(fixture.projection.snapshot(org).banned()).as("the stranger's clean observation changed nothing")
			.isEqualTo(1);
		assertThat(fixture.projection.snapshot(org).lastScan()).isNull();
		assertThat(fixture.deadLetters).containsExactly(org + ": " + refusal(STRANGER), org + ": " + refusal(STRANGER));
		assertThat(fixture.events("refused") - refusedBefore).isEqualTo(2);
	}

	@Test
	void aTrustedSourceReportsForEveryOrganisationRegisteredOrNot() {
		String unregistered = org + "-unregistered";
		registered();

		fixture.ingestion.ingest(List.of(observed(TRUSTED, org, "ep-1"), observed(TRUSTED, unregistered, "ep-1")));

		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
		assertThat(fixture.projection.snapshot(unregistered).total()).isEqualTo(1);
		assertThat(fixture.parkedFor(unregistered)).isZero();
	}

	@Test
	void eventsOfAnUnregisteredOrganisationWaitAndCountOnlyIfItAllowsTheirSource() {
		var own = observed(OWN, org, "ep-1", "2024-05-01T10:00:00Z", TestRecords.KASPERSKY_ACTIVE);
		var stranger = observed(STRANGER, org, "ep-2");
		double parkedBefore = fixture.events("parked");
		fixture.ingestion.ingest(List.of(own, stranger));
		fixture.ingestion.ingest(List.of(own));

		assertThat(fixture.projection.snapshot(org).total()).as("nothing counts before it registers").isZero();
		assertThat(fixture.parkedFor(org)).as("a repeat is kept once").isEqualTo(2);
		assertThat(fixture.events("parked") - parkedBefore).isEqualTo(3);

		fixture.projection.transaction.executeWithoutResult(status -> fixture.register(org, OWN));

		assertThat(fixture.projection.snapshot(org).banned()).isEqualTo(1);
		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
		assertThat(fixture.parkedFor(org)).isZero();
		assertThat(fixture.deadLetters).containsExactly(org + ": " + refusal(STRANGER));
		ConsumerRecord<String, byte[]> deadLetter = fixture.deadLettered.get(refusal(STRANGER));
		assertThat(deadLetter.value()).as("dead-lettered as it came").isEqualTo(stranger.value());
		assertThat(deadLetter.headers().lastHeader("content-type").value())
			.isEqualTo(stranger.headers().lastHeader("content-type").value());
		assertThat(fixture.projection.jdbc.queryForObject(
				"SELECT COUNT(*) FROM process_signal WHERE organisation_id = ?", Long.class, org))
			.as("nothing the process could act on before the organisation's first scan").isZero();
		fixture.ingestion.ingest(List.of(scan(OWN, org)));
		assertThat(fixture.projection.jdbc.queryForObject(
				"SELECT COUNT(*) FROM process_signal WHERE organisation_id = ?", Long.class, org))
			.as("the process hears of what was applied, from the first scan on").isPositive();
	}

	@Test
	void aRegistrationThatRollsBackLeavesTheEventsWaiting() {
		fixture.ingestion.ingest(List.of(observed(OWN, org, "ep-1")));

		fixture.projection.transaction.executeWithoutResult(status -> {
			fixture.register(org, OWN);
			status.setRollbackOnly();
		});

		assertThat(fixture.projection.snapshot(org).total()).isZero();
		assertThat(fixture.parkedFor(org)).isEqualTo(1);
		assertThat(fixture.deadLetters).isEmpty();
	}

	@Test
	void anEventArrivingJustBeforeTheRegistrationCommitsIsParkedThenApplied() throws Exception {
		CountDownLatch ingested = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		CompletableFuture<Void> ingestion = CompletableFuture.runAsync(() -> fixture.projection.transaction
			.executeWithoutResult(status -> {
				fixture.ingestion.ingest(List.of(observed(OWN, org, "ep-1")));
				ingested.countDown();
				awaitLatch(commit);
			}));
		assertThat(ingested.await(30, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<Void> registration = CompletableFuture
			.runAsync(() -> fixture.projection.transaction.executeWithoutResult(status -> fixture.register(org, OWN)));

		await("the registration waits for the organisation's lock, held by ingestion").during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> !registration.isDone());
		commit.countDown();
		ingestion.get(30, TimeUnit.SECONDS);
		registration.get(30, TimeUnit.SECONDS);

		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
		assertThat(fixture.parkedFor(org)).isZero();
	}

	@Test
	void anEventArrivingWhileTheOrganisationRegistersIsCheckedAgainstTheCommittedRegistration() throws Exception {
		CountDownLatch registered = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		CompletableFuture<Void> registration = CompletableFuture.runAsync(() -> fixture.projection.transaction
			.executeWithoutResult(status -> {
				fixture.register(org, OWN);
				registered.countDown();
				awaitLatch(commit);
			}));
		assertThat(registered.await(30, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<Void> ingestion = CompletableFuture.runAsync(() -> fixture.ingestion
			.ingest(List.of(observed(OWN, org, "ep-1"), observed(STRANGER, org, "ep-2"))));

		await("ingestion waits for the organisation's lock, held by the registration").during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> !ingestion.isDone());
		commit.countDown();
		registration.get(30, TimeUnit.SECONDS);
		ingestion.get(30, TimeUnit.SECONDS);

		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
		assertThat(fixture.parkedFor(org)).isZero();
		assertThat(fixture.deadLetters).containsExactly(org + ": " + refusal(STRANGER));
	}

	@Test
	void aParkedRecordComesBackByteForByte() {
		var record = TestRecords.record(org, "{\"x\":1}".getBytes(StandardCharsets.UTF_8),
				Map.of("ce_source", "s", "empty", ""));
		record.headers().add("no-value", null);

		var copy = ParkedEventStore.decode(record.topic(), record.partition(), record.offset(), record.timestamp(),
				ParkedEventStore.encode(record));

		assertThat(copy.key()).isEqualTo(org);
		assertThat(copy.value()).isEqualTo(record.value());
		assertThat(copy.headers().toArray()).extracting(header -> header.key()).containsExactlyInAnyOrder("ce_source",
				"empty", "no-value");
		assertThat(copy.headers().lastHeader("no-value").value()).isNull();
		assertThat(copy.offset()).isEqualTo(record.offset());
	}

	private void registered(String... patterns) {
		fixture.projection.transaction.executeWithoutResult(status -> fixture.register(org, patterns));
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String refusal(String source) {
		return "source '" + source + "' may not report for organisation '" + org
				+ "': it is neither among the organisation's sources nor a trusted source";
	}

	static ConsumerRecord<String, byte[]> observed(String source, String org, String endpoint) {
		return observed(source, org, endpoint, "2024-05-01T10:00:00Z", TestRecords.DEFENDER_ACTIVE);
	}

	static ConsumerRecord<String, byte[]> observed(String source, String org, String endpoint, String observedAt,
			String product) {
		return event(source, org, InventoryEvent.ENDPOINT_OBSERVED, """
				{"organisationId":"%s","endpointId":"%s","observedAt":"%s","products":[%s]}"""
			.formatted(org, endpoint, observedAt, product));
	}

	static ConsumerRecord<String, byte[]> scan(String source, String org) {
		return event(source, org, InventoryEvent.SCAN_COMPLETED, """
				{"organisationId":"%s","scanId":"scan-1","completedAt":"2024-05-02T11:00:00Z","endpointCount":1}"""
			.formatted(org));
	}

	private static ConsumerRecord<String, byte[]> event(String source, String org, String type, String data) {
		String value = """
				{"specversion":"1.0","id":"%s","source":"%s","type":"%s","data":%s}"""
			.formatted(UUID.randomUUID(), source, type, data);
		return TestRecords.record(org, value, Map.of("content-type", InventoryEvent.STRUCTURED_CONTENT_TYPE));
	}

}
