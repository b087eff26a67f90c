package nl.phaseout.engine.campaign;

import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * A campaign's applicability as a DMN decision table: one rule per organisation category, each with
 * the reason it must, should or need not act as its description. Input {@code category} (the
 * process's variable), output {@code applicability}, hit policy UNIQUE, as the 2018 table
 * {@code phaseout-applicability} has them.
 */
final class ApplicabilityTable {

	private ApplicabilityTable() {
	}

	static String xml(String key, String campaignName, Map<String, String> applicability,
			Map<String, String> rationale) {
		StringBuilder rules = new StringBuilder();
		for (String category : Category.NAMES) {
			String reason = rationale == null ? null : rationale.get(category);
			rules.append("      <rule id=\"Rule_").append(category).append("\">\n");
			if (reason != null && !reason.isBlank()) {
				rules.append("        <description>").append(escape(reason)).append("</description>\n");
			}
			rules.append("        <inputEntry id=\"InputEntry_").append(category).append("\"><text>\"")
				.append(category).append("\"</text></inputEntry>\n");
			rules.append("        <outputEntry id=\"OutputEntry_").append(category).append("\"><text>\"")
				.append(applicability.get(category)).append("\"</text></outputEntry>\n");
			rules.append("      </rule>\n");
		}
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_%1$s" name="%2$s" namespace="http://phaseout.nl/dmn/campaigns">
				  <decision id="%1$s" name="%2$s" camunda:historyTimeToLive="P180D">
				    <description>Who must, should or need not act in the campaign '%3$s', by organisation category. Generated from the campaign's definition.</description>
				    <decisionTable id="DecisionTable_Applicability" hitPolicy="UNIQUE">
				      <input id="Input_Category" label="Organisation category" camunda:inputVariable="category">
				        <inputExpression id="InputExpression_Category" typeRef="string">
				          <text>category</text>
				        </inputExpression>
				      </input>
				      <output id="Output_Applicability" label="Applicability" name="applicability" typeRef="string" />
				%4$s    </decisionTable>
				  </decision>
				</definitions>
				""".formatted(key, escape("Applicability: " + campaignName), escape(campaignName), rules);
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
	}

}
