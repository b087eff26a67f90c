package nl.phaseout.engine.campaign;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.springframework.stereotype.Component;

/**
 * Deploys a campaign's two decisions to Camunda, in the transaction that stores the campaign: its
 * product classification under the key {@code classification-<campaignId>} (the decision's id in the
 * submitted XML is rewritten, so that two campaigns' tables may share one and still never replace
 * each other) and its applicability as a generated decision table {@code applicability-<campaignId>}
 * (input {@code category}, output {@code applicability}), which the process's business rule task
 * evaluates as it always has. Camunda keeps both in its repository: a restart or a second node finds
 * them there.
 */
@Component
class CampaignDecisionTables {

	static final String SOURCE = "phaseout-campaigns";

	private final RepositoryService repository;

	private final DecisionService decisions;

	CampaignDecisionTables(RepositoryService repository, DecisionService decisions) {
		this.repository = repository;
		this.decisions = decisions;
	}

	static String classificationKey(String campaignId) {
		return "classification-" + campaignId;
	}

	static String applicabilityKey(String campaignId) {
		return "applicability-" + campaignId;
	}

	/** Deploys both; the classification must have passed {@link ClassificationCheck}. */
	void deploy(String campaignId, String name, String classification, Map<String, String> applicability,
			Map<String, String> rationale) {
		repository.createDeployment()
			.name("campaign " + campaignId)
			.source(SOURCE)
			.enableDuplicateFiltering(false)
			.addString(classificationKey(campaignId) + ".dmn", classificationAs(classificationKey(campaignId), classification))
			.addString(applicabilityKey(campaignId) + ".dmn",
					ApplicabilityTable.xml(applicabilityKey(campaignId), name, applicability, rationale))
			.deploy();
	}

	/** The document with its one decision's id (and the diagram's reference to it) set to {@code key}. */
	static String classificationAs(String key, String xml) {
		DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		Decision decision = model.getModelElementsByType(Decision.class).iterator().next();
		String previous = decision.getId();
		decision.setId(key);
		return Dmn.convertToString(model).replace("dmnElementRef=\"" + previous + "\"", "dmnElementRef=\"" + key + "\"");
	}

	/** What the applicability decision answers for each category, as deployed (in the order of {@link Category}). */
	Map<String, String> applicability(String decisionKey) {
		Map<String, String> answers = new LinkedHashMap<>();
		if (decisionKey == null || repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey).count() == 0) {
			return answers;
		}
		for (String category : Category.NAMES) {
			try {
				DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(decisionKey)
					.variables(Variables.createVariables().putValue("category", category))
					.evaluate()
					.getFirstResult();
				Object value = result == null ? null : result.get("applicability");
				if (value != null) {
					answers.put(category, value.toString());
				}
			}
			catch (RuntimeException ex) {
				// a table that fails for a category says nothing about it
			}
		}
		return answers;
	}

}
