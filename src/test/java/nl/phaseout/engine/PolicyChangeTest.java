package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.phaseout.engine.process.ProcessConstants;

/**
 * A new version of the product classification decision changes the policy for what is already
 * known: the endpoints are classified again, the counts follow, and so do the processes.
 */
class PolicyChangeTest extends EndToEndTest {

	private static final String DMN = "bpmn/phaseout-product-classification.dmn";

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	RepositoryService repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IdentityService identityService;

	@Autowired
	ObjectMapper json;

	Organisations organisations;

	@BeforeEach
	void organisations() {
		organisations = new Organisations(http, demo(), identityService, json);
	}

	@Test
	void aRedeployedClassificationReclassifiesKnownEndpointsAndMovesTheProcesses() throws Exception {
		String org = Organisations.newId("MIN");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		try (Integration intune = new Integration(bootstrapServers, "/test/intune")) {
			Instant t = Instant.now().minus(Duration.ofHours(1));
			intune.observed(org, "pc-1", t,
					List.of(Integration.product("ESET", "ESET Endpoint Security", "antivirus", "active")));
			intune.scanCompleted(org, "baseline", t.plusSeconds(60), 1);
		}
		organisations.awaitOpenTask(org, "Task_SignOffVerification");
		String original = dmn();
		try {
			// the policy now bans this vendor's antivirus too
			deploy(original.replace("<rule id=\"Rule_ActiveAlternative\">", """
					<rule id="Rule_EsetAntivirus">
					  <inputEntry id="InputEntry_Eset_Vendor"><text></text></inputEntry>
					  <inputEntry id="InputEntry_Eset_Name"><text>"eset endpoint security"</text></inputEntry>
					  <inputEntry id="InputEntry_Eset_Category"><text>"antivirus"</text></inputEntry>
					  <inputEntry id="InputEntry_Eset_State"><text></text></inputEntry>
					  <outputEntry id="OutputEntry_Eset"><text>"BANNED"</text></outputEntry>
					</rule>
					<rule id="Rule_ActiveAlternative">"""));

			organisations.awaitPhase(org, "ROLLOUT");
			assertThat(organisations.view(org).at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1);
			assertThat(organisations.openTasks(org, "Task_SignOffVerification")).isEmpty();
		}
		finally {
			deploy(original);
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
					jdbc.queryForObject("SELECT COUNT(*) FROM inv_reclassification WHERE done_at IS NULL", Long.class))
				.isZero());
		}
		assertThat(organisations.view(org).at("/campaigns/0/endpoints/banned").asLong())
			.as("the policy restored classifies it protected again")
			.isZero();
		List<Map<String, Object>> requests = jdbc.queryForList("SELECT endpoints FROM inv_reclassification ORDER BY id");
		assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
	}

	private void deploy(String dmn) {
		repository.createDeployment()
			.name("classification policy")
			.addString("phaseout-product-classification.dmn", dmn)
			.deploy();
		assertThat(repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey(ProcessConstants.PRODUCT_CLASSIFICATION_DECISION)
			.latestVersion()
			.singleResult()
			.getVersion()).isGreaterThan(1);
	}

	private static String dmn() throws IOException {
		try (InputStream in = PolicyChangeTest.class.getClassLoader().getResourceAsStream(DMN)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
