package nl.phaseout.engine.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shipped campaign definition ({@code bpmn/templates/<id>.json}): what {@code POST /api/campaigns}
 * takes with {@code "template": "<id>"}, its classification a DMN resource on the classpath and its
 * applicability with the reason for each category, which the generated decision table carries as
 * its rules' descriptions.
 *
 * @param classificationResource the classification DMN, a classpath location ({@code bpmn/...})
 * @param applicabilityRationale category to why it must, should or need not act
 */
record CampaignTemplate(String id, String name, String description, CampaignDefinition.Decision decision,
		String classificationResource, List<String> vendors, Map<String, String> applicability,
		Map<String, String> applicabilityRationale, CampaignDefinition.Deadlines deadlines,
		String statusReportInterval, String staleAfter, CampaignDefinition.ExemptionSettings exemptions) {

	/** The body's fields over this template's; {@code classification} stays the body's (null: the template's). */
	CampaignDefinition under(CampaignDefinition body) {
		CampaignDefinition.Decision bodyDecision = body.decision();
		CampaignDefinition.Decision base = decision == null ? new CampaignDefinition.Decision(null, null) : decision;
		CampaignDefinition.Decision merged = bodyDecision == null ? base
				: new CampaignDefinition.Decision(CampaignDefinition.or(bodyDecision.reference(), base.reference()),
						CampaignDefinition.or(bodyDecision.date(), base.date()));
		Map<String, String> applicable = new LinkedHashMap<>(applicability == null ? Map.of() : applicability);
		if (body.applicability() != null) {
			applicable.putAll(body.applicability());
		}
		CampaignDefinition.Deadlines due = body.deadlines() == null ? deadlines
				: body.deadlines().over(deadlines);
		CampaignDefinition.ExemptionSettings exempt = body.exemptions() == null ? exemptions
				: body.exemptions().over(exemptions);
		return new CampaignDefinition(body.id(), CampaignDefinition.or(body.name(), name), merged, id,
				body.classification(), body.vendors() == null || body.vendors().isEmpty() ? vendors : body.vendors(),
				applicable, due, CampaignDefinition.or(body.statusReportInterval(), statusReportInterval),
				CampaignDefinition.or(body.staleAfter(), staleAfter), exempt);
	}

}
