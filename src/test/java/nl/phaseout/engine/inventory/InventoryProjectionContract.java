package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.TestRecords.DEFENDER_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.DEFENDER_PASSIVE;
import static nl.phaseout.engine.inventory.TestRecords.KASPERSKY_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.KASPERSKY_PASSIVE;
import static nl.phaseout.engine.inventory.TestRecords.KASPERSKY_VPN;
import static nl.phaseout.engine.inventory.TestRecords.observed;
import static nl.phaseout.engine.inventory.TestRecords.products;
import static nl.phaseout.engine.inventory.TestRecords.retired;
import static nl.phaseout.engine.inventory.TestRecords.scan;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projection's rules, run against each supported database by the subclasses. */
abstract class InventoryProjectionContract {

	ProjectionFixture fixture;

	/** A fresh organisation per test, so tests share the database without seeing each other. */
	String org;

	abstract ProjectionFixture fixture();

	@BeforeEach
	void setUp() {
		fixture = fixture();
		org = "ORG-" + UUID.randomUUID();
	}

	@Test
	void countsClassifyLiveEndpoints() {
		fixture.apply(observed(org, "banned-passive", id(), "2024-05-01T10:00:00Z",
				products(KASPERSKY_PASSIVE, DEFENDER_ACTIVE)),
				observed(org, "vpn-only-kaspersky", id(), "2024-05-01T10:00:00Z",
						products(KASPERSKY_VPN, DEFENDER_ACTIVE)),
				observed(org, "passive-av", id(), "2024-05-01T10:00:00Z", products(DEFENDER_PASSIVE)),
				observed(org, "nothing", id(), "2024-05-01T10:00:00Z", products()),
				observed(org, "banned-active", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)));

		assertThat(fixture.snapshot(org)).isEqualTo(new InventorySnapshot(5, 2, 1, 2, 0, Instant.parse("2024-05-01T10:00:00Z"), null));
	}

	@Test
	void anExemptedEndpointCountsAsExemptedWhileItRunsTheBannedProductAndAsBannedOnceTheFlagIsCleared() {
		fixture.apply(observed(org, "pc-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(org, "pc-2", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)));

		assertThat(fixture.exempt(org, true, "pc-1", "no-such-endpoint")).isEqualTo(1);
		assertThat(fixture.snapshot(org).counts()).isEqualTo(new EndpointCounts(2, 0, 1, 0, 0, 0, 1));
		assertThat(fixture.snapshot(org).rolloutComplete()).as("exempted keeps the rollout open").isFalse();
		assertThat(fixture.snapshot(org).rolloutComplete(true)).as("where the campaign allows sign-off").isTrue();
		assertThat(fixture.exemptionSignals).contains(Signal.inventoryChanged(org));
		assertThat(fixture.inTransaction(() -> fixture.state.endpoints(ActiveCampaigns.DEFAULT_CAMPAIGN, org,
				EndpointStatus.EXEMPTED, 10)).endpoints()).extracting(InventoryState.Endpoint::endpointId)
			.containsExactly("pc-1");
		assertThat(fixture.exempt(org, true, "pc-1")).as("already exempted").isZero();

		// observed without the banned product it is simply not banned; with it again, exempted again
		fixture.apply(observed(org, "pc-1", id(), "2024-05-02T10:00:00Z", products(DEFENDER_ACTIVE)));
		assertThat(fixture.snapshot(org).counts()).isEqualTo(new EndpointCounts(2, 0, 2, 0, 0, 0, 0));
		fixture.apply(observed(org, "pc-1", id(), "2024-05-03T10:00:00Z", products(KASPERSKY_PASSIVE)));
		assertThat(fixture.snapshot(org).counts()).isEqualTo(new EndpointCounts(2, 0, 1, 0, 0, 0, 1));

		fixture.exemptionSignals.clear();
		assertThat(fixture.exempt(org, false, "pc-1")).isEqualTo(1);
		assertThat(fixture.snapshot(org).counts()).isEqualTo(new EndpointCounts(2, 1, 1, 0, 0, 0, 0));
		assertThat(fixture.exemptionSignals).as("banned again: a regression if the organisation was phased out")
			.contains(Signal.bannedAppeared(ActiveCampaigns.DEFAULT_CAMPAIGN, org), Signal.inventoryChanged(org));

		// a count made afresh from the rows agrees with the deltas
		fixture.exempt(org, true, "pc-1");
		EndpointCounts byDeltas = fixture.snapshot(org).counts();
		assertThat(fixture.inTransaction(() -> fixture.endpoints.tally(ActiveCampaigns.DEFAULT_CAMPAIGN, org, null)))
			.isEqualTo(byDeltas);
		fixture.apply(retired(org, "pc-1", id(), "2024-05-04T10:00:00Z"));
		assertThat(fixture.snapshot(org).counts()).isEqualTo(new EndpointCounts(1, 0, 1, 0, 0, 1, 0));
	}

	@Test
	void theTaskFormsListTheFirstLiveEndpointsInAStateWithTheirBannedProductsAndHowManyThereAre() {
		fixture.apply(observed(org, "ep-3", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(org, "ep-1", id(), "2024-05-01T11:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(org, "ep-clean", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)));
		fixture.apply(retired(org, "ep-2", id(), "2024-05-02T10:00:00Z"));

		var banned = fixture.inTransaction(() -> fixture.state.endpoints(ActiveCampaigns.DEFAULT_CAMPAIGN, org,
				EndpointStatus.BANNED, 1));

		assertThat(banned.total()).as("live ones only").isEqualTo(2);
		assertThat(banned.endpoints()).singleElement().satisfies(endpoint -> {
			assertThat(endpoint.endpointId()).isEqualTo("ep-1");
			assertThat(endpoint.products()).contains("Kaspersky Endpoint Security");
			assertThat(endpoint.observedAt()).isEqualTo(Instant.parse("2024-05-01T11:00:00Z"));
			assertThat(endpoint.source()).isNotBlank();
		});
		assertThat(banned.describe()).endsWith("… en nog 1\n");
	}

	@Test
	void everyStatusListedForTheFormsListsAsManyEndpointsAsItsCountSays() {
		fixture.apply(observed(org, "ep-banned-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(org, "ep-banned-2", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_PASSIVE)),
				observed(org, "ep-exempted", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(org, "ep-protected", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "ep-unprotected", id(), "2024-05-01T10:00:00Z", products(DEFENDER_PASSIVE)),
				observed(org, "ep-retired", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)));
		fixture.apply(retired(org, "ep-retired", id(), "2024-05-02T10:00:00Z"));
		fixture.exempt(org, true, "ep-exempted");
		EndpointCounts counts = fixture.snapshot(org).counts();

		for (EndpointStatus status : List.of(EndpointStatus.BANNED, EndpointStatus.EXEMPTED, EndpointStatus.PROTECTED,
				EndpointStatus.UNPROTECTED, EndpointStatus.STALE)) {
			var listed = fixture.inTransaction(
					() -> fixture.state.endpoints(ActiveCampaigns.DEFAULT_CAMPAIGN, org, status, 10));
			var none = fixture.inTransaction(
					() -> fixture.state.endpoints(ActiveCampaigns.DEFAULT_CAMPAIGN, org, status, 0));
			assertThat(listed.total()).as(status.name()).isEqualTo(counts.of(status));
			assertThat(listed.endpoints()).as(status.name()).hasSize((int) counts.of(status));
			assertThat(none.total()).as(status.name() + ", none shown").isEqualTo(counts.of(status));
			assertThat(none.endpoints()).as(status.name() + ", none shown").isEmpty();
		}
		assertThat(counts).isEqualTo(new EndpointCounts(5, 2, 1, 1, 0, 1, 1));
	}

	@Test
	void repeatedEventChangesNothing() {
		var observation = observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE));
		var first = fixture.apply(observation);

		var again = fixture.apply(observation, observation);

		assertThat(first.count(Outcome.ACCEPTED)).isEqualTo(1);
		assertThat(again.count(Outcome.DUPLICATE)).isEqualTo(2);
		assertThat(again.count(Outcome.ACCEPTED)).isZero();
		assertThat(fixture.snapshot(org)).isEqualTo(new InventorySnapshot(1, 1, 0, 0, 0, Instant.parse("2024-05-01T10:00:00Z"), null));
	}

	@Test
	void repeatOfAnEventTimedInNanosecondsIsARepeat() {
		var observation = observed(org, "ep-1", id(), "2024-05-01T10:00:00.123456123Z", products(KASPERSKY_ACTIVE));
		fixture.apply(observation);

		var again = fixture.apply(observation);

		assertThat(again.count(Outcome.DUPLICATE)).isEqualTo(1);
		assertThat(again.count(Outcome.ACCEPTED)).isZero();
	}

	@Test
	void olderObservationNeverOverridesNewer() {
		fixture.apply(observed(org, "ep-1", id(), "2024-05-02T10:00:00Z", products(DEFENDER_ACTIVE)));

		var late = fixture.apply(observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)));

		assertThat(late.count(Outcome.STALE)).isEqualTo(1);
		assertThat(fixture.snapshot(org)).isEqualTo(new InventorySnapshot(1, 0, 1, 0, 0, Instant.parse("2024-05-02T10:00:00Z"), null));
	}

	@Test
	void newerObservationReplacesTheEndpointsState() {
		fixture.apply(observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)));

		fixture.apply(observed(org, "ep-1", id(), "2024-05-02T10:00:00Z", products(DEFENDER_ACTIVE)));

		assertThat(fixture.snapshot(org)).isEqualTo(new InventorySnapshot(1, 0, 1, 0, 0, Instant.parse("2024-05-02T10:00:00Z"), null));
	}

	@Test
	void retirementLaterThanTheLatestObservationRetiresTheEndpoint() {
		fixture.apply(observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)));

		var early = fixture.apply(retired(org, "ep-2", id(), "2024-04-01T10:00:00Z"));
		var late = fixture.apply(retired(org, "ep-1", id(), "2024-05-03T10:00:00Z"));

		assertThat(early.count(Outcome.STALE)).as("and a stale event moves no inventory time").isEqualTo(1);
		assertThat(late.count(Outcome.ACCEPTED)).isEqualTo(1);
		assertThat(fixture.snapshot(org)).isEqualTo(new InventorySnapshot(1, 0, 1, 0, 1, Instant.parse("2024-05-03T10:00:00Z"), null));
	}

	@Test
	void observationAfterRetirementBringsTheEndpointBack() {
		fixture.apply(observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				retired(org, "ep-1", id(), "2024-05-02T10:00:00Z"));

		fixture.apply(observed(org, "ep-1", id(), "2024-05-03T10:00:00Z", products(KASPERSKY_ACTIVE)));

		assertThat(fixture.snapshot(org)).isEqualTo(new InventorySnapshot(1, 1, 0, 0, 0, Instant.parse("2024-05-03T10:00:00Z"), null));
	}

	@Test
	void anyOrderOfTheSameEventsGivesTheSameCounts() {
		List<ConsumerRecord<String, byte[]>> events = history(org);
		fixture.apply(events);
		InventorySnapshot inOrder = fixture.snapshot(org);

		String other = org + "-shuffled";
		List<ConsumerRecord<String, byte[]>> shuffled = new ArrayList<>(history(other));
		Collections.reverse(shuffled);
		for (var event : shuffled) {
			fixture.apply(event);
		}

		assertThat(fixture.snapshot(other)).isEqualTo(inOrder);
		assertThat(inOrder).isEqualTo(new InventorySnapshot(2, 1, 0, 1, 1, Instant.parse("2024-05-04T10:00:00Z"), null));
	}

	@Test
	void replayingTheSameEventsGivesIdenticalCounts() {
		List<ConsumerRecord<String, byte[]>> events = history(org);
		fixture.apply(events);
		InventorySnapshot first = fixture.snapshot(org);

		var replay = fixture.apply(events);

		assertThat(replay.count(Outcome.ACCEPTED)).isZero();
		// The events the rows are as: ep-1's observation of 3 May, ep-2's observation, ep-3's retirement.
		assertThat(replay.count(Outcome.DUPLICATE)).as("repeats of the events that made the rows").isEqualTo(3);
		assertThat(replay.count(Outcome.STALE)).as("repeats of events older than those").isEqualTo(4);
		assertThat(fixture.snapshot(org)).isEqualTo(first);
	}

	@Test
	void classificationIsEvaluatedOncePerDistinctProduct() {
		int before = fixture.evaluations.get();
		List<ConsumerRecord<String, byte[]>> events = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			String unique = TestRecords.product("Vendor-" + UUID.randomUUID(), "Shield", "antivirus", "active");
			events.add(observed(org, "ep-" + i, id(), "2024-05-01T10:00:00Z", products(unique)));
		}
		for (int i = 0; i < 50; i++) {
			events.add(observed(org, "other-" + i, id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE,
					TestRecords.product("KASPERSKY", "Kaspersky Endpoint Security", "ANTIVIRUS", "ACTIVE"))));
		}

		fixture.apply(events);
		fixture.apply(observed(org, "late", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)));

		// 50 distinct products, plus the Kaspersky one in two spellings, unless an earlier test cached it
		assertThat(fixture.evaluations.get() - before).isBetween(50, 51);
		assertThat(fixture.snapshot(org).banned()).isEqualTo(51);
	}

	@Test
	void completedScanIsTheBaseline() {
		fixture.apply(scan(org, "scan-1", id(), "2024-05-01T10:00:00Z", 0));
		var older = fixture.apply(scan(org, "scan-0", id(), "2024-04-01T10:00:00Z", 0),
				scan(org, "scan-1", id(), "2024-05-01T10:00:00Z", 0));

		assertThat(older.count(Outcome.ACCEPTED)).isEqualTo(1);
		assertThat(older.count(Outcome.STALE)).isEqualTo(1);
		InventorySnapshot snapshot = fixture.snapshot(org);
		assertThat(snapshot.baselineKnown()).isTrue();
		assertThat(snapshot.lastScan().scanId()).isEqualTo("scan-1");
		assertThat(snapshot.lastScan().completedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
	}

	@Test
	void snapshotOfAnUnknownOrganisationIsEmpty() {
		assertThat(fixture.snapshot(org)).isEqualTo(InventorySnapshot.empty());
	}

	@Test
	void batchReportsChangedConditionsOncePerOrganisation() {
		var result = fixture.apply(observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-01T10:00:00Z", products(DEFENDER_PASSIVE)),
				scan(org, "scan-1", id(), "2024-05-01T11:00:00Z", 2));

		assertThat(result.signals()).containsExactly(Signal.inventoryChanged(org),
				Signal.bannedAppeared(ActiveCampaigns.DEFAULT_CAMPAIGN, org));

		var unchanged = fixture.apply(observed(org, "ep-3", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)));
		assertThat(unchanged.signals()).isEmpty();
	}

	@Test
	void aSnapshotTakenAgainInTheTransactionThatChangedTheInventoryShowsTheChange() {
		var snapshots = fixture.inTransaction(() -> {
			var before = fixture.state.snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, org);
			fixture.projection.apply(List.of(fixture.parse(
					observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE))),
					fixture.parse(scan(org, "scan-1", id(), "2024-05-01T11:00:00Z", 1))));
			return List.of(before, fixture.state.snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, org));
		});

		assertThat(snapshots.get(0).banned()).isZero();
		assertThat(snapshots.get(0).lastScan()).isNull();
		assertThat(snapshots.get(1).banned()).isEqualTo(1);
		assertThat(snapshots.get(1).lastScan()).isNotNull();
		assertThat(snapshots.get(1).lastScan().scanId()).isEqualTo("scan-1");
	}

	@Test
	void whetherTheOrganisationVerifiesRollingIsReadOnceATransactionAndAgainInTheNext() {
		var rolling = fixture.inTransaction(() -> {
			boolean before = fixture.state.snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, org).rolling();
			fixture.rollingOrganisations.add(org);
			return List.of(before, fixture.state.snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, org).rolling());
		});

		assertThat(rolling).as("held for the transaction, as its counts are").containsExactly(false, false);
		assertThat(fixture.inTransaction(() -> fixture.state.snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, org).rolling()))
			.as("the next transaction reads it again")
			.isTrue();
	}

	/** Two endpoints observed, re-observed, one retired, one observed late. */
	private static List<ConsumerRecord<String, byte[]>> history(String org) {
		return List.of(observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "ep-1", id(), "2024-05-03T10:00:00Z", products(KASPERSKY_PASSIVE, DEFENDER_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-02T10:00:00Z", products(DEFENDER_PASSIVE)),
				observed(org, "ep-1", id(), "2024-05-02T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "ep-3", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				retired(org, "ep-3", id(), "2024-05-04T10:00:00Z"),
				retired(org, "ep-2", id(), "2024-05-01T12:00:00Z"));
	}

	@Test
	void aChangedStaleAfterCountsTheOrganisationAgainFromItsRows() {
		fixture.apply(observed(org, "morning", id(), "2024-05-01T08:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "noon", id(), "2024-05-01T12:00:00Z", products(DEFENDER_PASSIVE)));
		assertThat(fixture.snapshot(org).stale()).as("fourteen days").isZero();

		var hourly = new ActiveCampaigns.Campaign(ActiveCampaigns.DEFAULT_CAMPAIGN, ActiveCampaigns.DEFAULT_DECISION,
				java.time.Duration.ofHours(1));
		ProjectionResult result = fixture.inTransaction(() -> fixture.projection.recount(hourly, org));

		assertThat(fixture.snapshot(org).counts()).as("an hour: 'morning' is stale")
			.isEqualTo(new EndpointCounts(2, 0, 0, 1, 1, 0));
		assertThat(result.signals()).isEmpty();
		assertThat(fixture.inTransaction(() -> fixture.projection.recount(hourly, org)).signals())
			.as("counted with this setting already: nothing changes").isEmpty();
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}


	@Test
	void anEndpointNotObservedWithinStaleAfterOfTheOrganisationsClockIsStaleAndExactlyStaleAfterIsNot() {
		fixture.apply(observed(org, "old", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "new", id(), "2024-05-15T10:00:00Z", products(DEFENDER_ACTIVE)));

		assertThat(fixture.snapshot(org).counts()).as("exactly 14 days (the default staleAfter) before the clock: fresh")
			.isEqualTo(new EndpointCounts(2, 0, 2, 0, 0, 0));

		fixture.apply(observed(org, "new", id(), "2024-05-15T10:00:00.000001Z", products(DEFENDER_PASSIVE)));

		InventorySnapshot snapshot = fixture.snapshot(org);
		assertThat(snapshot.counts()).as("a microsecond more: stale; protected and unprotected count fresh ones only")
			.isEqualTo(new EndpointCounts(2, 0, 0, 1, 1, 0));
		assertThat(snapshot.rolloutComplete()).isFalse();
		assertThat(fixture.listing.page(ActiveCampaigns.DEFAULT_CAMPAIGN, org, EndpointStatus.STALE, 0, 10).endpoints())
			.extracting(EndpointListing.Endpoint::endpointId)
			.containsExactly("old");
		assertThat(fixture.listing.page(ActiveCampaigns.DEFAULT_CAMPAIGN, org, EndpointStatus.PROTECTED, 0, 10).total())
			.isZero();
	}

	@Test
	void aScanMovesTheClockAndAnObservationMakesTheEndpointFreshAgain() {
		fixture.apply(observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)));
		fixture.apply(scan(org, "scan-1", id(), "2024-06-01T10:00:00Z", 2));

		assertThat(fixture.snapshot(org).counts()).as("the banned one stays banned however old")
			.isEqualTo(new EndpointCounts(2, 1, 0, 0, 1, 0));

		fixture.apply(observed(org, "ep-1", id(), "2024-06-01T11:00:00Z", products(DEFENDER_ACTIVE)));

		assertThat(fixture.snapshot(org).counts()).isEqualTo(new EndpointCounts(2, 1, 1, 0, 0, 0));
	}

	@Test
	void theProcessHearsOfTheInventoryFromItsFirstCompletedScanOn() {
		ProjectionResult first = fixture.apply(
				observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-01T10:00:00Z", products()));
		assertThat(fixture.snapshot(org).banned()).isEqualTo(1);
		assertThat(first.signals()).as("banned and a gap appeared, but no wait of the process listens before the"
				+ " baseline: nothing to hear").isEmpty();

		ProjectionResult scanned = fixture.apply(scan(org, "scan-1", id(), "2024-05-01T11:00:00Z", 2));
		assertThat(scanned.signals()).containsExactly(Signal.inventoryChanged(org));

		ProjectionResult cleaned = fixture.apply(
				observed(org, "ep-1", id(), "2024-05-02T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-02T10:00:00Z", products(DEFENDER_ACTIVE)));
		assertThat(cleaned.signals()).as("after it, a change of what the process waits for is heard")
			.contains(Signal.inventoryChanged(org));
	}

	@Test
	void retiringTheStaleEndpointCompletesTheRollout() {
		fixture.apply(observed(org, "gone", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "here", id(), "2024-05-20T10:00:00Z", products(DEFENDER_ACTIVE)),
				scan(org, "scan-1", id(), "2024-05-20T10:00:00Z", 2));
		assertThat(fixture.snapshot(org).rolloutComplete()).isFalse();

		ProjectionResult result = fixture.apply(retired(org, "gone", id(), "2024-05-20T11:00:00Z"));

		assertThat(fixture.snapshot(org).counts()).isEqualTo(new EndpointCounts(1, 0, 1, 0, 0, 1));
		assertThat(fixture.snapshot(org).rolloutComplete()).isTrue();
		assertThat(result.signals()).as("the process hears that the rollout completed")
			.contains(Signal.inventoryChanged(org));
	}

	@Test
	void aScanWithItsStartCoversTheEndpointsObservedDuringItAndNamesTheOthers() {
		fixture.apply(observed(org, "seen", id(), "2024-05-01T12:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "missed", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				scan(org, "scan-1", id(), "2024-05-01T13:00:00Z", 2, "2024-05-01T11:00:00Z"));

		InventorySnapshot snapshot = fixture.snapshot(org);
		assertThat(snapshot.uncovered()).isEqualTo(1);
		assertThat(snapshot.verdict().kind()).as("the count matches, but the scan did not see 'missed'")
			.isEqualTo(InventorySnapshot.ScanVerdict.Kind.INCOMPLETE);
		var uncovered = fixture.inTransaction(() -> fixture.state.uncovered(ActiveCampaigns.DEFAULT_CAMPAIGN, org, 50));
		assertThat(uncovered.endpoints()).extracting(InventoryState.Endpoint::endpointId).containsExactly("missed");

		fixture.apply(observed(org, "missed", id(), "2024-05-01T14:30:00Z", products(DEFENDER_ACTIVE)),
				scan(org, "scan-2", id(), "2024-05-01T15:00:00Z", 2, "2024-05-01T14:00:00Z"));

		assertThat(fixture.snapshot(org).uncovered()).as("'seen' was not observed during scan-2").isEqualTo(1);
	}

	@Test
	void aRollingOrganisationsBaselineIsItsFirstObservationAndItsScanEveryEndpointSeenAgain() {
		fixture.rollingOrganisations.add(org);
		ProjectionResult first = fixture.apply(
				observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)));

		assertThat(first.signals()).contains(Signal.inventoryChanged(org));
		assertThat(fixture.snapshot(org).baselineKnown()).isTrue();
		assertThat(fixture.snapshot(org).lastScan()).isNull();

		fixture.apply(observed(org, "ep-1", id(), "2024-05-01T11:00:00Z", products(DEFENDER_ACTIVE)));
		assertThat(fixture.snapshot(org).lastScan()).as("ep-2 not observed again yet").isNull();

		ProjectionResult round = fixture.apply(
				observed(org, "ep-2", id(), "2024-05-01T12:00:00Z", products(DEFENDER_ACTIVE)));

		InventorySnapshot snapshot = fixture.snapshot(org);
		assertThat(snapshot.lastScan()).isEqualTo(new LastScan("rolling-1", Instant.parse("2024-05-01T12:00:00Z"), 2,
				LastScan.ROLLING_SOURCE));
		assertThat(snapshot.verdict().kind()).isEqualTo(InventorySnapshot.ScanVerdict.Kind.CLEAN);
		assertThat(round.signals()).contains(Signal.inventoryChanged(org));

		fixture.apply(observed(org, "ep-1", id(), "2024-05-02T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-02T11:00:00Z", products(DEFENDER_ACTIVE)));
		assertThat(fixture.snapshot(org).lastScan().scanId()).as("the next round").isEqualTo("rolling-2");
	}

	@Test
	void aRollingOrganisationGetsNoScanWhileAnEndpointIsUnprotected() {
		fixture.rollingOrganisations.add(org);
		fixture.apply(observed(org, "ep-1", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-01T10:00:00Z", products(DEFENDER_PASSIVE)));
		fixture.apply(observed(org, "ep-1", id(), "2024-05-01T11:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "ep-2", id(), "2024-05-01T11:00:00Z", products(DEFENDER_PASSIVE)));

		assertThat(fixture.snapshot(org).lastScan()).isNull();
	}

}
