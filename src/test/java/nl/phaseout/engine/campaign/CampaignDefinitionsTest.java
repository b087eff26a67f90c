package nl.phaseout.engine.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;

/** A definition is checked whole, before anything is stored or deployed; each problem is named. */
class CampaignDefinitionsTest {

	static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

	static final CampaignDefinitions DEFINITIONS = new CampaignDefinitions(new CampaignTemplates(), DMN);

	static final Map<String, String> ALL_MANDATORY = Map.of("CENTRAL_GOVERNMENT", "MANDATORY", "VITAL_PROVIDER",
			"MANDATORY", "SECURITY_SUPPLIER", "MANDATORY", "PROVINCE", "MANDATORY", "MUNICIPALITY", "MANDATORY", "OTHER",
			"ADVISED");

	static String windows() throws Exception {
		return Files.readString(Path.of("bpmn/templates/windows-10-eos-2025-classification.dmn"));
	}

	static CampaignDefinition own(String id, String classification) {
		return new CampaignDefinition(id, "Eigen campagne", new CampaignDefinition.Decision("ref", "2025-01-01"), null,
				classification, List.of("microsoft"), ALL_MANDATORY,
				new CampaignDefinition.Deadlines("P30D", null, null, "2025-10-14"), "P30D", "P14D",
				new CampaignDefinition.ExemptionSettings(true, "2026-10-13", true));
	}

	@Test
	void aDefinitionOfItsOwnBecomesADraftWithPerCampaignDecisionKeys() throws Exception {
		CampaignDefinitions.Checked checked = DEFINITIONS.check(own("eigen-1", windows()));

		Campaign campaign = checked.campaign();
		assertThat(campaign.status()).isEqualTo(Campaign.Status.DRAFT);
		assertThat(campaign.classificationDecision()).isEqualTo("classification-eigen-1");
		assertThat(campaign.applicabilityDecision()).isEqualTo("applicability-eigen-1");
		assertThat(campaign.deadlines()).containsEntry("inventory", "P30D").containsEntry("completion", "2025-10-14");
		assertThat(campaign.exemptions()).isEqualTo(new Campaign.Exemptions(true, LocalDate.of(2026, 10, 13), true));
		assertThat(checked.applicability()).containsEntry("OTHER", "ADVISED").hasSize(6);
	}

	@Test
	void aTemplateFillsInWhatTheBodyLeavesOut() {
		CampaignDefinition body = new CampaignDefinition("win10-utrecht", "Windows 10 Utrecht", null,
				"windows-10-eos-2025", null, null, Map.of("OTHER", "NOT_REQUIRED"),
				new CampaignDefinition.Deadlines("P30D", null, null, null), null, null, null);

		CampaignDefinitions.Checked checked = DEFINITIONS.check(body);

		Campaign campaign = checked.campaign();
		assertThat(campaign.name()).isEqualTo("Windows 10 Utrecht");
		assertThat(campaign.vendors()).containsExactly("microsoft");
		assertThat(campaign.decisionDate()).isEqualTo(LocalDate.of(2025, 10, 14));
		assertThat(campaign.deadlines()).containsEntry("inventory", "P30D").containsEntry("completion", "2025-10-14");
		assertThat(campaign.exemptions()).isEqualTo(new Campaign.Exemptions(true, LocalDate.of(2026, 10, 13), true));
		assertThat(checked.applicability()).containsEntry("OTHER", "NOT_REQUIRED")
			.containsEntry("MUNICIPALITY", "MANDATORY");
		assertThat(checked.rationale()).containsKey("MUNICIPALITY");
		assertThat(checked.classification()).contains("windows 10");
	}

	@Test
	void bothShippedTemplatesPassTheirOwnChecks() {
		assertThat(new CampaignTemplates().ids()).containsExactly("kaspersky-av-2018", "windows-10-eos-2025");
		for (String template : new CampaignTemplates().ids()) {
			assertThat(DEFINITIONS.check(new CampaignDefinition("t-" + template, null, null, template, null, null,
					null, null, null, null, null)).campaign().name()).isNotBlank();
		}
	}

	@Test
	void aDmnThatDoesNotParseIsNamed() {
		assertThatThrownBy(() -> DEFINITIONS.check(own("x", "<definitions><decision")))
			.hasMessageContaining("classification is not a DMN document that parses");
		assertThatThrownBy(() -> DEFINITIONS.check(own("x", "not xml at all")))
			.hasMessageContaining("classification is not a DMN document that parses");
	}

	@Test
	void aDoctypeIsRefusedBeforeParsing() throws Exception {
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + windows()
			.substring(windows().indexOf("<definitions"));
		assertThatThrownBy(() -> DEFINITIONS.check(own("x", xxe))).hasMessageContaining("DOCTYPE");
	}

	@Test
	void anInputThatReadsWhatAProductDoesNotHaveIsNamed() throws Exception {
		String wrong = windows().replace("<text>category</text>", "<text>productType</text>");

		assertThatThrownBy(() -> DEFINITIONS.check(own("x", wrong)))
			.hasMessageContaining("input 'Product category' reads 'productType', which a product does not have");
	}

	@Test
	void theOutputMustBeClassificationWithTheThreeAnswers() throws Exception {
		assertThatThrownBy(() -> DEFINITIONS.check(own("x", windows().replace("name=\"classification\"", "name=\"verdict\""))))
			.hasMessageContaining("one output named 'classification', found [verdict]");
		assertThatThrownBy(() -> DEFINITIONS.check(own("x", windows().replace("<text>\"BANNED\"</text></outputEntry>",
				"<text>\"FORBIDDEN\"</text></outputEntry>"))))
			.hasMessageContaining("rule 1 answers \"FORBIDDEN\"");
	}

	@Test
	void aTableThatFailsToEvaluateIsNamed() throws Exception {
		String broken = windows().replace("<text>\"os\"</text>", "<text>\"os\" +* </text>");

		assertThatThrownBy(() -> DEFINITIONS.check(own("x", broken))).hasMessageContaining("classification");
	}

	@Test
	void anUnknownTemplateIsNamedWithTheShippedOnes() {
		assertThatThrownBy(() -> DEFINITIONS.check(new CampaignDefinition("x", "X", null, "windows-xp", null, null,
				null, null, null, null, null)))
			.hasMessageContaining("template 'windows-xp' is unknown; shipped templates are kaspersky-av-2018,"
					+ " windows-10-eos-2025");
	}

	@Test
	void aDeadlineThatIsNeitherADurationNorADateIsNamed() throws Exception {
		CampaignDefinition body = new CampaignDefinition("x", "X", null, "windows-10-eos-2025", null, null, null,
				new CampaignDefinition.Deadlines("30 dagen", "P-5D", null, "14-10-2025"), null, "P1M", null);

		assertThatThrownBy(() -> DEFINITIONS.check(body)).hasMessageContaining("deadlines.inventory '30 dagen' is"
				+ " neither an ISO-8601 duration")
			.hasMessageContaining("deadlines.plan")
			.hasMessageContaining("deadlines.completion '14-10-2025'")
			.hasMessageContaining("staleAfter 'P1M'");
	}

	@Test
	void categoriesAndApplicabilityValuesAreChecked() throws Exception {
		CampaignDefinition body = new CampaignDefinition("x", "X", null, null, windows(), List.of("microsoft"),
				Map.of("CITY", "MANDATORY", "PROVINCE", "MUST"), null, null, null, null);

		assertThatThrownBy(() -> DEFINITIONS.check(body))
			.hasMessageContaining("applicability: 'CITY' is not an organisation category")
			.hasMessageContaining("applicability.PROVINCE: 'MUST' is not one of MANDATORY, ADVISED, NOT_REQUIRED")
			.hasMessageContaining("missing CENTRAL_GOVERNMENT");
	}

	@Test
	void idAndNameAreRequiredAndTheIdHasAForm() throws Exception {
		assertThatThrownBy(() -> DEFINITIONS.check(new CampaignDefinition(" ", null, null, null, windows(),
				List.of("microsoft"), ALL_MANDATORY, null, null, null, null)))
			.hasMessageContaining("id is required")
			.hasMessageContaining("name is required");
		assertThatThrownBy(() -> DEFINITIONS.check(own("Windows 10!", windows())))
			.hasMessageContaining("id 'Windows 10!' must be 1 to 64 lower-case letters");
	}

	@Test
	void theCheckReadsNamesOutsideStringsOnly() {
		assertThat(ClassificationCheck.unknownNames("vendor != null and contains(vendor, \"kaspersky lab\")")).isEmpty();
		assertThat(ClassificationCheck.unknownNames("lower case(name)")).isEmpty();
		assertThat(ClassificationCheck.unknownNames("product.name")).containsExactly("'product'");
	}

}
