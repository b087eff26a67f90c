package nl.phaseout.engine.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import nl.phaseout.engine.record.CampaignRecord;
import nl.phaseout.engine.report.ReportingProperties;

/** The office's pages show what users and feeds wrote as text, hidden characters by their code point. */
@Tag("security")
class OfficeFormatTest {

	private final OfficeFormat format = new OfficeFormat(
			new ReportingProperties(ZoneId.of("Europe/Amsterdam"), Duration.ofMinutes(5), true));

	private final RecordText record = new RecordText(OfficeWordsTest.messages(), format);

	@Test
	void aDecisionsOutcomeShowsABidiOverrideByItsCodePoint() {
		CampaignRecord.Entry decision = new CampaignRecord.Entry("DECISION", Instant.EPOCH, "jan\u202Enaj", "pi-1",
				Map.of("outcome", Map.of("signOffNote", "akkoord \u202Etxet <b>vet</b>")));

		assertThat(record.facts(decision, OfficeWordsTest.DUTCH)).extracting(RecordText.Fact::value)
			.contains("akkoord [U+202E]txet <b>vet</b>");
		assertThat(record.actor(decision.actor(), OfficeWordsTest.DUTCH)).isEqualTo("jan[U+202E]naj");
		assertThat(record.source("urn:feed:\u202Eevil", OfficeWordsTest.DUTCH)).contains("urn:feed:[U+202E]evil");
		assertThat(format.text("urn:feed:\u202Eevil")).isEqualTo("urn:feed:[U+202E]evil");
	}

	@Test
	void aCampaignsSettingsReadAsWordsWithTheIsoValueBeside() {
		assertThat(format.setting("P30D", OfficeLocales.DUTCH)).isEqualTo("30 dagen (P30D)");
		assertThat(format.setting("P1Y", OfficeLocales.DUTCH)).isEqualTo("1 jaar (P1Y)");
		assertThat(format.setting("PT10M", OfficeLocales.ENGLISH)).isEqualTo("10 minutes (PT10M)");
		assertThat(format.setting("P1DT2H", OfficeLocales.ENGLISH)).isEqualTo("1 day and 2 hours (P1DT2H)");
		assertThat(format.setting("2025-10-14", OfficeLocales.DUTCH)).isEqualTo("14 oktober 2025");
		assertThat(format.setting(null, OfficeLocales.DUTCH)).isEqualTo("–");
	}

}
