package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The stale rule at its boundary: "older than staleAfter" is strict. An observation exactly
 * staleAfter before the organisation's inventory clock is fresh; a microsecond earlier (the finest
 * time the projection keeps) it is stale. A banned endpoint is banned however old.
 */
class FreshnessTest {

	private static final Instant CLOCK = Instant.parse("2024-05-15T10:00:00Z");

	private static final Freshness FOURTEEN_DAYS = new Freshness(Duration.ofDays(14));

	@Test
	void anObservationExactlyStaleAfterOldIsFresh() {
		Instant threshold = FOURTEEN_DAYS.threshold(CLOCK);

		assertThat(Freshness.stale(Instant.parse("2024-05-01T10:00:00Z"), threshold)).isFalse();
		assertThat(EndpointStatus.of(false, EndpointState.PROTECTED, Instant.parse("2024-05-01T10:00:00Z"), threshold))
			.isEqualTo(EndpointStatus.PROTECTED);
	}

	@Test
	void aMicrosecondOlderIsStale() {
		Instant threshold = FOURTEEN_DAYS.threshold(CLOCK);

		assertThat(Freshness.stale(Instant.parse("2024-05-01T09:59:59.999999Z"), threshold)).isTrue();
		assertThat(EndpointStatus.of(false, EndpointState.UNPROTECTED, Instant.parse("2024-05-01T09:59:59.999999Z"),
				threshold))
			.isEqualTo(EndpointStatus.STALE);
	}

	@Test
	void aBannedEndpointStaysBannedHoweverOld() {
		Instant threshold = FOURTEEN_DAYS.threshold(CLOCK);

		assertThat(EndpointStatus.of(false, EndpointState.BANNED, Instant.parse("2020-01-01T00:00:00Z"), threshold))
			.isEqualTo(EndpointStatus.BANNED);
	}

	@Test
	void withoutAClockNothingIsStale() {
		assertThat(FOURTEEN_DAYS.threshold(null)).isNull();
		assertThat(EndpointStatus.of(false, EndpointState.PROTECTED, Instant.parse("2000-01-01T00:00:00Z"), null))
			.isEqualTo(EndpointStatus.PROTECTED);
	}

	@Test
	void aRetiredEndpointIsRetiredNotStale() {
		assertThat(EndpointStatus.of(true, EndpointState.PROTECTED, Instant.parse("2000-01-01T00:00:00Z"),
				FOURTEEN_DAYS.threshold(CLOCK)))
			.isEqualTo(EndpointStatus.RETIRED);
	}

	@Test
	void rolloutIsCompleteOnlyWithNoStaleEndpoint() {
		assertThat(new EndpointCounts(3, 0, 3, 0, 0, 0).rolloutComplete()).isTrue();
		assertThat(new EndpointCounts(3, 0, 2, 0, 1, 0).rolloutComplete()).isFalse();
	}

	@Test
	void aScanIsNotCleanWithAStaleEndpoint() {
		var scan = new LastScan("s-1", CLOCK, 3, "urn:test:scanner");
		var snapshot = new InventorySnapshot(new EndpointCounts(3, 0, 2, 0, 1, 0), CLOCK, scan);

		assertThat(snapshot.verdict().kind()).isEqualTo(InventorySnapshot.ScanVerdict.Kind.NOT_CLEAN);
		assertThat(snapshot.verdict().reason()).contains("1 have not been observed recently enough");
	}

	@Test
	void aScanWithItsStartCoversByIdentity() {
		var scan = new LastScan("s-1", CLOCK, 3, "urn:test:scanner", CLOCK.minusSeconds(3600));
		var counts = new EndpointCounts(3, 0, 3, 0, 0, 0);

		assertThat(new InventorySnapshot(counts, CLOCK, scan, false, 1).verdict().kind())
			.as("one live endpoint not observed during the scan")
			.isEqualTo(InventorySnapshot.ScanVerdict.Kind.INCOMPLETE);
		assertThat(new InventorySnapshot(counts, CLOCK, scan, false, 0).verdict().kind())
			.isEqualTo(InventorySnapshot.ScanVerdict.Kind.CLEAN);
	}

}
