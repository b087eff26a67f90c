package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import nl.phaseout.engine.inventory.InventorySnapshot.ScanVerdict;

/** Exempted endpoints in the counts, the rollout and the scan's verdict, with and without the campaign's allowSignOff. */
class ExemptedCountsTest {

	private static final Instant T = Instant.parse("2026-10-01T10:00:00Z");

	/** Three live endpoints: two protected, one exempted; none banned, unprotected or stale. */
	private static final EndpointCounts ONE_EXEMPTED = new EndpointCounts(3, 0, 2, 0, 0, 0, 1);

	@Test
	void exemptedEndpointsCompleteTheRolloutOnlyWhereTheCampaignLetsThemSignOff() {
		assertThat(ONE_EXEMPTED.rolloutComplete(true)).isTrue();
		assertThat(ONE_EXEMPTED.rolloutComplete(false)).isFalse();
		assertThat(ONE_EXEMPTED.rolloutComplete()).as("strict unless the campaign says otherwise").isFalse();
		assertThat(new EndpointCounts(3, 1, 1, 0, 0, 0, 1).rolloutComplete(true)).as("a banned one left").isFalse();
		assertThat(new EndpointCounts(3, 0, 1, 1, 0, 0, 1).rolloutComplete(true)).as("an unprotected one").isFalse();
	}

	@Test
	void aScanWithExemptedEndpointsIsCleanOnlyWhereTheCampaignLetsThemSignOff() {
		InventorySnapshot snapshot = new InventorySnapshot(ONE_EXEMPTED, T,
				new LastScan("scan-1", T.plusSeconds(60), 3, "urn:test:scanner"));

		assertThat(snapshot.verdict(true).kind()).isEqualTo(ScanVerdict.Kind.CLEAN);
		ScanVerdict strict = snapshot.verdict(false);
		assertThat(strict.kind()).isEqualTo(ScanVerdict.Kind.NOT_CLEAN);
		assertThat(strict.reason()).contains("1 live endpoint(s) run the banned product under an exemption");
	}

	@Test
	void anExemptedEndpointCountsAsExemptedOnlyWhileItRunsABannedProduct() {
		assertThat(EndpointStatus.of(false, EndpointState.BANNED, T, null, true)).isEqualTo(EndpointStatus.EXEMPTED);
		assertThat(EndpointStatus.of(false, EndpointState.BANNED, T, T.plusSeconds(1), true))
			.as("however old, as a banned one").isEqualTo(EndpointStatus.EXEMPTED);
		assertThat(EndpointStatus.of(false, EndpointState.PROTECTED, T, null, true)).isEqualTo(EndpointStatus.PROTECTED);
		assertThat(EndpointStatus.of(true, EndpointState.BANNED, T, null, true)).isEqualTo(EndpointStatus.RETIRED);
		assertThat(EndpointStatus.of(false, EndpointState.BANNED, T, null, false)).isEqualTo(EndpointStatus.BANNED);
	}

}
