package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.process.Phase;
import nl.phaseout.engine.process.ProcessEvents;

/** The campaign progress the programme office reads does not mislead it. */
class ProgressTest extends EndToEndTest {

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	IdentityService identityService;

	@Autowired
	ObjectMapper json;

	@Autowired
	ProcessEvents processEvents;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	Organisations organisations;

	@BeforeEach
	void organisations() {
		organisations = new Organisations(http, demo(), identityService, json);
	}

	@Test
	void everyPhaseIsNamedZerosIncluded() throws Exception {
		JsonNode byPhase = progress().path("byPhase");
		for (Phase phase : Phase.values()) {
			assertThat(byPhase.has(phase.name())).as("byPhase names %s", phase).isTrue();
		}
	}

	@Test
	void endpointsAreSummedOverOrganisationsInScopeOnly() throws Exception {
		String municipality = Organisations.newId("GEM");
		String ministry = Organisations.newId("MIN");
		organisations.register(municipality, "MUNICIPALITY");
		organisations.register(ministry, "CENTRAL_GOVERNMENT");
		organisations.awaitPhase(municipality, "NOT_REQUIRED");
		long before = progress().at("/endpoints/banned").asLong();

		try (Integration intune = new Integration(bootstrapServers, "/test/intune")) {
			Instant t = Instant.now().minus(Duration.ofHours(1));
			intune.observed(municipality, "pc-1", t, List.of(Integration.kasperskyAv("active")));
			intune.observed(ministry, "pc-1", t, List.of(Integration.kasperskyAv("active")));
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(organisations.view(municipality).at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1);
			assertThat(organisations.view(ministry).at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1);
		});

		assertThat(progress().at("/endpoints/banned").asLong()).as("the ministry's counts, not the municipality's")
			.isEqualTo(before + 1);
	}

	@Test
	void anOrganisationIsOverdueUntilItReachesTheMissedMilestone() throws Exception {
		String org = Organisations.newId("MIN");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		organisations.awaitPhase(org, "INVENTORY");
		long before = progress().path("overdue").asLong();

		// the inventory deadline passes (as one set at registration would), and the deadline watch sees it
		Instant now = Instant.now();
		jdbc.update("UPDATE participation SET deadline_inventory = ? WHERE organisation_id = ?",
				Timestamp.from(now.minusSeconds(60)), org);
		transaction.executeWithoutResult(status -> processEvents.deadlineMissed(Campaign.DEFAULT_ID, org, "inventory",
				now.minusSeconds(60), now));
		assertThat(progress().path("overdue").asLong()).isEqualTo(before + 1);
		JsonNode view = organisations.view(org);
		assertThat(view.at("/campaigns/0/overdue").asBoolean()).isTrue();
		assertThat(view.at("/campaigns/0/missedMilestones/inventory").isTextual()).isTrue();

		transaction.executeWithoutResult(status -> processEvents.phaseChanged(Campaign.DEFAULT_ID, org, null,
				Phase.CONTRACT_REVIEW, Phase.INVENTORY, now.plusSeconds(1)));
		assertThat(progress().path("overdue").asLong()).isEqualTo(before);
		assertThat(organisations.view(org).at("/campaigns/0/overdue").asBoolean()).isFalse();
	}

	private JsonNode progress() throws Exception {
		return json.readTree(demo().getForObject("/api/campaigns/" + Campaign.DEFAULT_ID + "/progress", String.class));
	}

}
