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

	@Test
	void aDecisionsOutcomeShowsABidiOverrideByItsCodePoint() {
		CampaignRecord.Entry decision = new CampaignRecord.Entry("DECISION", Instant.EPOCH, "jan", "pi-1",
				Map.of("outcome", Map.of("signOffNote", "akkoord \u202Etxet <b>vet</b>")));

		assertThat(format.details(decision)).isEqualTo("signOffNote: akkoord [U+202E]txet <b>vet</b>");
		assertThat(format.text("urn:feed:\u202Eevil")).isEqualTo("urn:feed:[U+202E]evil");
	}

}
