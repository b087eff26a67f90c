package nl.phaseout.engine.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing production setting into a start-up message that says what to set. */
class MissingProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingProductionSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingProductionSettingsException cause) {
		return new FailureAnalysis(
				"The prod profile needs PostgreSQL, an external Kafka cluster and strong administrator credentials."
						+ " Missing or unsafe:\n  - "
						+ String.join("\n  - ", cause.missing()),
				"Set the missing environment variables (see docs/operations.md, \"The prod profile\"), or run without the prod profile for the embedded defaults.",
				cause);
	}

}
