package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision tables as the engine evaluates them. */
@Deployment(resources = { "bpmn/phaseout-applicability.dmn", "bpmn/phaseout-product-classification.dmn" })
class PhaseoutDecisionsTest {

	/** The coverage extension, because the shared test engine records coverage of everything it runs. */
	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension
		.builder(ProcessTestEngine.CONFIGURATION)
		.build();

	ProcessEngine engine;

	@ParameterizedTest
	@CsvSource({ "CENTRAL_GOVERNMENT, MANDATORY", "VITAL_PROVIDER, ADVISED", "SECURITY_SUPPLIER, ADVISED",
			"PROVINCE, NOT_REQUIRED", "MUNICIPALITY, NOT_REQUIRED", "OTHER, NOT_REQUIRED" })
	void applicabilityFollowsTheCabinetDecisionPerCategory(String category, String applicability) {
		Object result = engine.getDecisionService()
			.evaluateDecisionTableByKey(ProcessConstants.APPLICABILITY_DECISION,
					Variables.createVariables().putValue("category", category))
			.getSingleResult()
			.getSingleEntry();

		assertThat(result).isEqualTo(applicability);
	}

	@ParameterizedTest
	@CsvSource({ "kaspersky lab, kaspersky endpoint security, antivirus, active, BANNED",
			"kaspersky lab, kaspersky endpoint security, antivirus, disabled, BANNED",
			"kaspersky, kaspersky anti-virus, antivirus, passive, BANNED",
			"ao kaspersky lab, kaspersky endpoint security, antivirus, active, BANNED",
			"kaspersky lab, kaspersky secure connection, vpn, active, OTHER",
			"microsoft, defender for endpoint, antivirus, active, ALTERNATIVE",
			"microsoft, defender for endpoint, antivirus, disabled, OTHER",
			"microsoft, defender for endpoint, antivirus, passive, OTHER",
			"sophos, sophos firewall, firewall, active, OTHER",
			// osquery names the product but not always its publisher: the vendor is then empty
			"'', kaspersky endpoint security for windows, antivirus, active, BANNED",
			"'', kaspersky endpoint security for windows, antivirus, disabled, BANNED",
			"'', kaspersky password manager, application, active, OTHER",
			"'', windows defender, antivirus, active, ALTERNATIVE",
			"'', windows firewall, firewall, active, OTHER" })
	void productClassificationBansOnlyKasperskyAntivirusByVendorOrByNameAlone(String vendor, String name, String category, String state,
			String classification) {
		Object result = engine.getDecisionService()
			.evaluateDecisionTableByKey(ProcessConstants.PRODUCT_CLASSIFICATION_DECISION,
					Variables.createVariables()
						.putValue("vendor", vendor)
						.putValue("name", name)
						.putValue("category", category)
						.putValue("state", state))
			.getSingleResult()
			.getSingleEntry();

		assertThat(result).isEqualTo(classification);
	}

}
