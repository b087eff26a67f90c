package nl.phaseout.engine.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import nl.phaseout.engine.system.PhaseoutProperties;
import org.junit.jupiter.api.Test;

class CampaignTest {

	@Test
	void deadlinesAreDurationsFromRegistration() {
		Campaign campaign = new Campaign("c", "C", null, "a", "b",
				Map.of("inventory", "P30D", "plan", "PT5M", "completion", "P1Y"), null, true, List.of("kaspersky"), null);

		Map<String, Instant> due = campaign.deadlinesFrom(Instant.parse("2024-01-31T10:00:00Z"));

		assertThat(due).containsEntry("inventory", Instant.parse("2024-03-01T10:00:00Z"))
			.containsEntry("plan", Instant.parse("2024-01-31T10:05:00Z"))
			.containsEntry("completion", Instant.parse("2025-01-31T10:00:00Z"))
			.doesNotContainKey("rolloutStart");
	}

	@Test
	void deadlinesMayBeAbsoluteDatesOrMoments() {
		Campaign campaign = new Campaign("c", "C", null, "a", "b",
				Map.of("inventory", "2019-06-30", "completion", "2020-01-01T12:00:00+01:00"), null, true, List.of(), null);

		Map<String, Instant> due = campaign.deadlinesFrom(Instant.parse("2024-01-31T10:00:00Z"));

		assertThat(due).as("a date is due at the end of that day, Dutch time")
			.containsEntry("inventory", Instant.parse("2019-06-30T22:00:00Z"))
			.containsEntry("completion", Instant.parse("2020-01-01T11:00:00Z"));
	}

	@Test
	void aRestartKeepsTheStatusTheApiGaveAConfiguredCampaign() {
		Campaign configured = CampaignBootstrap.toCampaign(withVendors("kaspersky"));
		assertThat(configured.status()).isEqualTo(Campaign.Status.ACTIVE);

		assertThat(CampaignBootstrap.keepingStatus(configured, java.util.Optional.empty()).status())
			.as("created: as configured").isEqualTo(Campaign.Status.ACTIVE);
		assertThat(CampaignBootstrap.keepingStatus(configured,
				java.util.Optional.of(configured.withStatus(Campaign.Status.CLOSED))).status())
			.as("closed through the API").isEqualTo(Campaign.Status.CLOSED);
		Campaign draft = CampaignBootstrap.keepingStatus(configured.withStatus(Campaign.Status.DRAFT),
				java.util.Optional.of(configured));
		assertThat(draft.status()).as("activated through the API, configured inactive").isEqualTo(Campaign.Status.ACTIVE);
		assertThat(draft.vendors()).as("the other settings are the configuration's").containsExactly("kaspersky");
	}

	@Test
	void vendorsArePartsOfANameWithoutWildcards() {
		assertThatThrownBy(() -> CampaignBootstrap.toCampaign(withVendors("Kas*persky")))
			.hasMessageContaining("phaseout.campaigns[c].vendors");
	}

	@Test
	void aPrefixWrittenBefore03LosesItsStar() {
		assertThat(CampaignBootstrap.toCampaign(withVendors("Kaspersky*", " eset ")).vendors())
			.containsExactly("Kaspersky", "eset");
	}

	private static PhaseoutProperties.Campaign withVendors(String... vendors) {
		return new PhaseoutProperties.Campaign("c", "C", null, "phaseout-applicability",
				"phaseout-product-classification", new PhaseoutProperties.Deadlines(null, null, null, null), null, true,
				List.of(vendors), null, null, null);
	}

	@Test
	void aDeadlineThatIsNotAnIsoDurationStopsTheStartWithItsSettingName() {
		PhaseoutProperties.Campaign definition = new PhaseoutProperties.Campaign("kaspersky-av-2018", "K",
				LocalDate.of(2018, 5, 14), "phaseout-applicability", "phaseout-product-classification",
				new PhaseoutProperties.Deadlines("30 days", null, null, null), "P30D", true, List.of("kaspersky"), null, null, null);

		assertThatThrownBy(() -> CampaignBootstrap.toCampaign(definition))
			.hasMessageContaining("phaseout.campaigns[kaspersky-av-2018].deadlines.inventory")
			.hasMessageContaining("ISO-8601");
	}

	@Test
	void staleAfterIsFourteenDaysUnlessSetAndMustBeADuration() {
		PhaseoutProperties.Campaign unset = new PhaseoutProperties.Campaign("c", "C", null, "phaseout-applicability",
				"phaseout-product-classification", new PhaseoutProperties.Deadlines(null, null, null, null), null, true,
				List.of("Kaspersky*"), null, null, null);
		PhaseoutProperties.Campaign minutes = new PhaseoutProperties.Campaign("c", "C", null, "phaseout-applicability",
				"phaseout-product-classification", new PhaseoutProperties.Deadlines(null, null, null, null), null, true,
				List.of("Kaspersky*"), "PT10M", null, null);
		PhaseoutProperties.Campaign months = new PhaseoutProperties.Campaign("c", "C", null, "phaseout-applicability",
				"phaseout-product-classification", new PhaseoutProperties.Deadlines(null, null, null, null), null, true,
				List.of("Kaspersky*"), "P1M", null, null);

		assertThat(CampaignBootstrap.toCampaign(unset).staleAfterDuration()).isEqualTo(java.time.Duration.ofDays(14));
		assertThat(CampaignBootstrap.toCampaign(minutes).staleAfterDuration()).isEqualTo(java.time.Duration.ofMinutes(10));
		assertThatThrownBy(() -> CampaignBootstrap.toCampaign(months)).hasMessageContaining("phaseout.campaigns[c].stale-after");
	}

}
