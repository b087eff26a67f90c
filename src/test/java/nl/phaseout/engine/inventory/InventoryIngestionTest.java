package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.TestRecords.DEFENDER_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.KASPERSKY_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.observed;
import static nl.phaseout.engine.inventory.TestRecords.products;
import static nl.phaseout.engine.inventory.TestRecords.record;
import static nl.phaseout.engine.inventory.TestRecords.scan;
import static nl.phaseout.engine.inventory.TestRecords.structured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.process.Phase;
import nl.phaseout.engine.process.RecordingSignalWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A poll batch end to end, without Kafka: parse, dead-letter, project, record process signals,
 * count; then the worker's rounds that tell the process.
 */
class InventoryIngestionTest {

	private static ProjectionFixture fixture;

	private List<String> calls;

	private final List<String> deadLetters = new ArrayList<>();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private RuntimeException failure;

	private InventoryIngestion ingestion;

	private RecordingSignalWorker worker;

	private String org;

	@BeforeEach
	void setUp() {
		if (fixture == null) {
			var dataSource = new DriverManagerDataSource("jdbc:h2:mem:inventory-ingestion;DB_CLOSE_DELAY=-1", "sa", "");
			new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS");
			fixture = new ProjectionFixture(dataSource);
		}
		org = "ORG-" + UUID.randomUUID();
		var metrics = new InventoryMetrics(registry);
		worker = new RecordingSignalWorker(fixture.jdbc, fixture.transactionManager, registry);
		calls = worker.calls;
		var refusingProjection = new InventoryProjection(fixture.counts, fixture.endpoints, fixture.organisationFacts,
				fixture.classifier, fixture.campaigns, fixture.staleCounts, fixture.rolling) {
			@Override
			ProjectionResult apply(List<InventoryEvent> batch) {
				boolean refuse = refuseEndpoint != null && refuseTimes > 0 && batch.stream()
					.anyMatch(e -> e instanceof InventoryEvent.EndpointObserved o && o.endpointId().equals(refuseEndpoint));
				if (refuse) {
					refusals++;
					refuseTimes--;
					// what PostgreSQL answers for a character it cannot store
					throw new org.springframework.dao.DataIntegrityViolationException("refused",
							new java.sql.SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
				}
				ProjectionResult applied = super.apply(batch);
				if (failure != null) {
					// after the projection wrote, in its transaction: all of it must roll back
					throw failure;
				}
				return applied;
			}
		};
		refuseEndpoint = null;
		refuseTimes = Integer.MAX_VALUE;
		refusals = 0;
		DeadLetters recorded = (record, reason) -> deadLetters.add(record.offset() + ": " + reason.getMessage());
		// TestRecords publish as urn:test:intune, trusted here: who may report for whom is SourceCheckTest's.
		var properties = new InventoryProperties(List.of("urn:test:*"), Duration.ofMinutes(5));
		var refused = new Refusals(recorded, metrics);
		var sources = new SourceCheck(properties, new InventoryFeeds(properties), organisationIds -> Map.of(),
				new OrganisationLocks(new CountsRepository(fixture.jdbc),
						fixture.beans.getBeanProvider(ActiveCampaigns.class)),
				new ParkedEventStore(fixture.jdbc), refused);
		ingestion = new InventoryIngestion(refusingProjection, fixture.transactionManager, refused, worker.inbox(),
				InventoryRecords.defaults(), sources);
		fixture.jdbc.update("DELETE FROM process_signal");
	}

	@Test
	void badRecordIsDeadLetteredAndTheGoodOnesAroundItApplied() {
		var good = observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE));
		var bad = record(org, "not json", Map.of("content-type", "application/cloudevents+json"));
		var alsoGood = observed(org, "ep-2", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE));

		ingestion.ingest(List.of(good, bad, alsoGood));

		assertThat(deadLetters).containsExactly(bad.offset() + ": value is not JSON");
		assertThat(fixture.snapshot(org).protectedCount()).isEqualTo(2);
		assertThat(events("accepted")).isEqualTo(2);
		assertThat(events("dead_lettered")).isEqualTo(1);
	}

	@Test
	void processIsToldOncePerOrganisationNotOncePerEvent() {
		List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			batch.add(observed(org, "ep-" + i, id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)));
		}
		batch.add(scan(org, "scan-1", id(), "2024-05-01T11:00:00Z", 20));

		ingestion.ingest(batch);
		ingestion.ingest(batch);

		assertThat(calls).as("nothing told before the worker's round").isEmpty();
		assertThat(worker.deliverDue()).as("signals taken: changed, and banned appeared").isEqualTo(2);
		assertThat(calls).as("the process decides whether a banned product is a regression")
			.containsExactly("inventoryChanged " + org, "regression " + ActiveCampaigns.DEFAULT_CAMPAIGN + " " + org);
		assertThat(registry.counter("phaseout.inventory.advancements").count()).isEqualTo(2);
		assertThat(events("duplicate")).isEqualTo(21);
	}

	@Test
	void alternativeSelectionAndContractTerminationAreKeptAndAnnounced() {
		ingestion.ingest(List.of(structured(org, "phaseout.alternative.selected", id(), """
				{"organisationId":"%s","vendor":"Microsoft","product":"Defender","selectedAt":"2024-05-01T10:00:00Z"}"""
			.formatted(org)), structured(org, "phaseout.alternative.selected", id(), """
					{"organisationId":"%s","vendor":"ESET","product":"PROTECT","selectedAt":"2024-04-01T10:00:00Z"}"""
				.formatted(org)), structured(org, "phaseout.contract.terminated", id(), """
						{"organisationId":"%s","vendor":"Kaspersky","contractId":"K-1","terminatedAt":"2024-05-01T10:00:00Z"}"""
					.formatted(org))));
		worker.deliverDue();

		assertThat(calls).containsExactly("alternativeSelected " + org, "contractTerminated " + org);
		assertThat(fixture.inTransaction(() -> fixture.state.alternativeSelection(ActiveCampaigns.DEFAULT_CAMPAIGN, org)))
			.hasValueSatisfying(selection -> assertThat(selection.product()).isEqualTo("Defender"));
		assertThat(fixture.inTransaction(() -> fixture.state.contractTerminations(ActiveCampaigns.DEFAULT_CAMPAIGN, org)))
			.singleElement()
			.satisfies(termination -> assertThat(termination.contractId()).isEqualTo("K-1"));
		assertThat(events("stale")).isEqualTo(1);
	}

	@Test
	void aBannedProductAppearingIsPassedOnForTheProcessToTellARegression() {
		String clean = org + "-clean";
		// a regression follows a phase-out, which a completed scan verified
		ingestion.ingest(List.of(scan(org, "scan-1", id(), "2024-04-01T10:00:00Z", 0),
				scan(clean, "scan-1", id(), "2024-04-01T10:00:00Z", 0)));
		worker.deliverDue();
		calls.clear();

		ingestion.ingest(List.of(observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(clean, "ep-1", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE))));
		worker.deliverDue();

		assertThat(calls).contains("regression " + ActiveCampaigns.DEFAULT_CAMPAIGN + " " + org)
			.doesNotContain("regression " + ActiveCampaigns.DEFAULT_CAMPAIGN + " " + clean);
	}

	@Test
	void signalsAreDeliveredInOrganisationOrderAsIngestionLocksThem() {
		List<String> organisations = List.of(org + "-c", org + "-a", org + "-b");
		for (String organisation : organisations) {
			ingestion.ingest(List.of(scan(organisation, "scan-1", id(), "2024-05-01T11:00:00Z", 0)));
		}

		worker.deliverDue();

		assertThat(calls).containsExactly("inventoryChanged " + org + "-a", "inventoryChanged " + org + "-b",
				"inventoryChanged " + org + "-c");
	}

	@Test
	void anEventTheDatabaseRefusesIsDeadLetteredAndTheRestOfItsBatchApplied() {
		var refused = observed(org, "ep-refused", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE));
		var good = observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE));
		refuseEndpoint = "ep-refused";

		ingestion.ingest(List.of(refused, good));

		assertThat(deadLetters).singleElement()
			.satisfies(letter -> assertThat(letter).startsWith(refused.offset() + ": the database refused the event"));
		assertThat(fixture.snapshot(org).total()).isEqualTo(1);
		assertThat(refusals).as("tried alone three times before it is dead-lettered").isEqualTo(1 + 3);
	}

	@Test
	void aPassingConflictIsRetriedAloneAndApplied() {
		var good = observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE));
		refuseEndpoint = "ep-1";
		refuseTimes = 2;

		ingestion.ingest(List.of(good));

		assertThat(deadLetters).isEmpty();
		assertThat(fixture.snapshot(org).total()).isEqualTo(1);
	}

	@Test
	void transientFailureFailsTheWholeBatchAndDeadLettersNothing() {
		failure = new DataAccessResourceFailureException("database down");
		var bad = record(org, "not json", Map.of());
		var good = observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE));

		assertThatThrownBy(() -> ingestion.ingest(List.of(bad, good)))
			.isInstanceOf(DataAccessResourceFailureException.class);

		assertThat(deadLetters).isEmpty();
		assertThat(fixture.snapshot(org)).isEqualTo(InventorySnapshot.empty());
		assertThat(events("accepted")).isZero();

		failure = null;
		ingestion.ingest(List.of(bad, good));
		assertThat(deadLetters).hasSize(1);
		assertThat(fixture.snapshot(org).banned()).isEqualTo(1);
	}

	@Test
	void aSignalTheProcessRefusesIsKeptWithItsErrorAndTheOthersOfItsRoundAreDelivered() {
		String other = org + "-other";
		worker.failFor = org;
		ingestion.ingest(List.of(scan(org, "scan-1", id(), "2024-05-01T11:00:00Z", 0),
				scan(other, "scan-1", id(), "2024-05-01T11:00:00Z", 0)));

		assertThat(worker.deliverDue()).isEqualTo(2);

		assertThat(calls).containsExactly("inventoryChanged " + other);
		assertThat(fixture.jdbc.queryForMap("SELECT organisation_id, attempts, last_error FROM process_signal"))
			.containsEntry("ORGANISATION_ID", org)
			.containsEntry("ATTEMPTS", 1)
			.hasEntrySatisfying("LAST_ERROR",
					error -> assertThat((String) error).contains("process refused inventoryChanged " + org));
		assertThat(registry.counter("phaseout.inventory.signals.failed").count()).isEqualTo(1);
		assertThat(worker.deliverDue()).as("not due again before its backoff").isZero();

		worker.failFor = null;
		fixture.jdbc.update("UPDATE process_signal SET next_attempt_at = NULL");
		assertThat(worker.deliverDue()).isEqualTo(1);
		assertThat(calls).containsExactly("inventoryChanged " + other, "inventoryChanged " + org);
		assertThat(fixture.jdbc.queryForObject("SELECT COUNT(*) FROM process_signal", Integer.class)).isZero();
	}

	@Test
	void backoffDoublesUpToFiveMinutes() {
		assertThat(RecordingSignalWorker.backoff(1)).hasSeconds(1);
		assertThat(RecordingSignalWorker.backoff(4)).hasSeconds(8);
		assertThat(RecordingSignalWorker.backoff(40)).hasMinutes(5);
	}

	private double events(String outcome) {
		return registry.counter("phaseout.inventory.events", "outcome", outcome).count();
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

	private String refuseEndpoint;

	private int refuseTimes;

	private int refusals;

}
