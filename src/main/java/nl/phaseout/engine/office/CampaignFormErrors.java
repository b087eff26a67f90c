package nl.phaseout.engine.office;

import java.util.List;

/**
 * Which field of the office's campaign form a problem of the definition is about, and the message
 * that says so in the page's language. A problem the form has no field for is shown as it is.
 */
final class CampaignFormErrors {

	private CampaignFormErrors() {
	}

	record Error(String field, String messageKey) {
	}

	private static final List<String> DEADLINES = List.of("inventory", "plan", "rolloutStart", "completion");

	static Error of(String problem) {
		if (problem.startsWith("id is required")) {
			return new Error("id", "campaigns.error.id.required");
		}
		if (problem.startsWith("id '") && problem.contains("is in use")) {
			return new Error("id", "campaigns.error.id.inUse");
		}
		if (problem.startsWith("id '")) {
			return new Error("id", "campaigns.error.id.format");
		}
		if (problem.startsWith("name ")) {
			return new Error("name", "campaigns.error.name");
		}
		if (problem.startsWith("decision.date")) {
			return new Error("decisionDate", "campaigns.error.date");
		}
		if (problem.startsWith("decision.reference")) {
			return new Error("decisionReference", "campaigns.error.reference");
		}
		if (problem.startsWith("template") || problem.startsWith("classification is required")) {
			return new Error("template", "campaigns.error.template");
		}
		for (String deadline : DEADLINES) {
			if (problem.startsWith("deadlines." + deadline + " ")) {
				return new Error(deadline, "campaigns.error.deadline");
			}
		}
		return null;
	}

}
