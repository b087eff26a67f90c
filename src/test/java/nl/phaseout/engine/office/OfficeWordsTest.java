package nl.phaseout.engine.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import nl.phaseout.engine.inventory.EndpointCounts;
import nl.phaseout.engine.record.CampaignRecord;
import nl.phaseout.engine.report.CampaignFigures;
import nl.phaseout.engine.report.OrganisationQuery;
import nl.phaseout.engine.report.ReportingProperties;

/** What the office's pages say, without the application: the record in words, days late, what counts as done. */
class OfficeWordsTest {

	static final Locale DUTCH = OfficeLocales.DUTCH;

	static final Locale ENGLISH = OfficeLocales.ENGLISH;

	final ResourceBundleMessageSource messages = messages();

	final OfficeFormat format = new OfficeFormat(
			new ReportingProperties(ZoneId.of("Europe/Amsterdam"), Duration.ofMinutes(5), true));

	final RecordText record = new RecordText(messages, format);

	@Test
	void aDecisionReadsAsLabelledDutchWords() {
		Map<String, Object> outcome = new LinkedHashMap<>();
		outcome.put("runningContract", true);
		outcome.put("contractEndDate", "Thu Dec 31 00:00:00 CET 2026");
		outcome.put("noticePeriodDays", 90);
		outcome.put("terminationRequested", false);
		CampaignRecord.Entry decision = new CampaignRecord.Entry("DECISION", Instant.parse("2026-12-07T04:51:23.375520Z"),
				"jan", "pi", Map.of("task", "Task_ReviewContracts", "taskName", "Review running contracts", "outcome", outcome));

		assertThat(record.facts(decision, DUTCH)).extracting(f -> f.label() + ": " + f.value())
			.containsExactly("Loopt er een contract: ja", "Einddatum contract: 31 december 2026",
					"Opzegtermijn (dagen): 90", "Opzegging aangevraagd: nee");
		assertThat(record.facts(decision, ENGLISH)).extracting(f -> f.label() + ": " + f.value())
			.contains("Contract running: yes", "Contract end date: 31 December 2026");
		assertThat(record.task(decision, DUTCH)).isEqualTo("Lopende contracten beoordelen");
		assertThat(format.dateTime(decision.at(), DUTCH)).isEqualTo("7 december 2026 05:51");
	}

	@Test
	void applicabilitySourcesGroupsAndVerdictsAreWords() {
		CampaignRecord.Entry applicability = new CampaignRecord.Entry("APPLICABILITY", Instant.now(), null, "pi",
				Map.of("applicability", "MANDATORY", "category", "CENTRAL_GOVERNMENT", "decidedBy",
						"decision table phaseout-applicability"));
		assertThat(record.applicability(applicability, DUTCH))
			.isEqualTo("Verplicht (beslistabel phaseout-applicability, categorie Rijksoverheid)");
		assertThat(record.actor("urn:phaseout:manual:jan", DUTCH)).isEqualTo("handmatige upload door jan");
		assertThat(record.actor("event 42 from urn:phaseout:manual:jan", DUTCH))
			.isEqualTo("gebeurtenis 42 van handmatige upload door jan");
		assertThat(record.actor(null, DUTCH)).isEqualTo("de engine");
		assertThat(record.group("pm-min-bzk", DUTCH)).isEqualTo("projectleiders MIN-BZK");
		assertThat(record.group("pm-min-bzk", ENGLISH)).isEqualTo("project managers MIN-BZK");

		Map<String, Object> scan = new LinkedHashMap<>();
		scan.put("scanId", "scan-2");
		scan.put("completedAt", "2026-12-07T04:51:23.375520Z");
		scan.put("endpointCount", 3);
		scan.put("source", "urn:phaseout:osquery");
		scan.put("total", 4);
		scan.put("banned", 0);
		scan.put("unprotected", 0);
		scan.put("verdict", "INCOMPLETE");
		scan.put("reason", "Scan scan-2 reports 3 endpoint(s), but 4 live endpoint(s) are known");
		CampaignRecord.Entry entry = new CampaignRecord.Entry("VERIFICATION_SCAN", Instant.now(), "urn:phaseout:osquery",
				"pi", scan);
		assertThat(record.reason(entry, DUTCH)).isEqualTo(
				"Scan scan-2 meldt 3 endpoints, maar er zijn er 4 bekend: wacht op een scan die ze allemaal dekt.");
		assertThat(record.facts(entry, DUTCH)).extracting(f -> f.label() + ": " + f.value())
			.contains("Voltooid op: 7 december 2026 05:51", "Bron: osquery", "Oordeel: Onvolledig")
			.noneMatch(line -> line.contains("reports") || line.contains("urn:"));
	}

	@Test
	void aMilestoneMissedTodayIsNotZeroDaysLate() {
		assertThat(messages.getMessage("organisation.status.missed", new Object[] { 0L }, DUTCH)).isEqualTo("Vandaag gemist");
		assertThat(messages.getMessage("organisation.status.missed", new Object[] { 1L }, DUTCH))
			.isEqualTo("Gemist, 1 dag te laat");
		assertThat(messages.getMessage("organisation.status.missed", new Object[] { 12L }, DUTCH))
			.isEqualTo("Gemist, 12 dagen te laat");
		assertThat(messages.getMessage("organisation.status.missed", new Object[] { 0L }, ENGLISH)).isEqualTo("Missed today");
	}

	@Test
	void declinedAndNotRequiredAreNeverDone() {
		EndpointCounts none = new EndpointCounts(0, 0, 0, 0, 0);
		CampaignFigures.Figures figures = new CampaignFigures.Figures(4, Map.of(),
				Map.of("VITAL_PROVIDER", Map.of("DECLINED", 1L), "CENTRAL_GOVERNMENT",
						Map.of("PHASED_OUT", 1L, "ROLLOUT", 1L), "MUNICIPALITY", Map.of("NOT_REQUIRED", 1L)),
				none, 0);
		assertThat(DashboardController.categoryLines(figures))
			.extracting(l -> l.category() + " " + l.phasedOut() + "/" + l.inScope() + " of " + l.total())
			.containsExactly("CENTRAL_GOVERNMENT 1/2 of 2", "VITAL_PROVIDER 0/0 of 1", "MUNICIPALITY 0/0 of 1");
	}

	@Test
	void figureLinksAndTheCsvKeepTheCampaignAndThePagesLanguage() {
		TableLinks links = new TableLinks("kaspersky-av-2018", OrganisationQuery.parse(null, null, "true", "banned", null,
				null, null, null, OrganisationQuery.OVERDUE_FIRST), "nl");
		assertThat(links.only("category", "VITAL_PROVIDER", "phase", "DECLINED"))
			.isEqualTo("/office?campaign=kaspersky-av-2018&category=VITAL_PROVIDER&phase=DECLINED#table-heading");
		assertThat(links.csv()).isEqualTo(
				"/api/campaigns/kaspersky-av-2018/organisations.csv?overdue=true&endpoints=banned&sort=-overdue&lang=nl");
	}

	@Test
	void everyDutchTextHasAnEnglishOne() throws IOException {
		Properties dutch = load("i18n/messages.properties");
		Properties english = load("i18n/messages_en.properties");
		assertThat(english.stringPropertyNames())
			.containsAll(dutch.stringPropertyNames().stream().filter(key -> !key.startsWith("csv.")).toList());
		assertThat(List.copyOf(english.stringPropertyNames())).allMatch(dutch::containsKey, "also in Dutch");
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (var in = new InputStreamReader(OfficeWordsTest.class.getClassLoader().getResourceAsStream(resource),
				StandardCharsets.UTF_8)) {
			properties.load(in);
		}
		return properties;
	}

	static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("i18n/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
