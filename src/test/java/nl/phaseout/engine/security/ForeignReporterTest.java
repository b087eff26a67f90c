package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.phaseout.engine.Integration;

/**
 * Threat: anyone who can publish to {@code phaseout.inventory} steers any organisation's
 * phase-out (declares its endpoints clean, supplies the scan, picks the alternative, ends the
 * contract). Only the organisation's own sources and the trusted ones may report for it.
 */
@Tag("security")
@Tag("e2e")
class ForeignReporterTest extends SecurityTest {

	private static final String ATTACKER = "urn:attacker:made-up";

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aSourceTheOrganisationDoesNotAllowChangesNothingAndIsDeadLetteredNamingIt() throws Exception {
		String org = uniqueId("MIN");
		String own = "urn:inventory:" + org.toLowerCase() + ":intune";
		assertThat(register(Map.of("id", org, "name", "Ministerie " + org, "category", "CENTRAL_GOVERNMENT", "sources",
				List.of("urn:inventory:" + org.toLowerCase() + ":*"))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Instant t0 = Instant.now().minusSeconds(600);
		try (Integration inventory = new Integration(bootstrapServers, own)) {
			inventory.observed(org, "pc-1", t0, List.of(Integration.kasperskyAv("active")));
			inventory.scanCompleted(org, "scan-own", t0.plusSeconds(1), 1);
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(organisation(org).at("/campaigns/0/lastScan/scanId").asText())
				.isEqualTo("scan-own"));
		double refusedBefore = events("refused");

		try (Integration attacker = new Integration(bootstrapServers, ATTACKER)) {
			attacker.observed(org, "pc-1", t0.plusSeconds(60), List.of(Integration.defender("active")));
			attacker.scanCompleted(org, "scan-forged", t0.plusSeconds(61), 1);
			attacker.alternativeSelected(org, "Microsoft", "Defender", t0.plusSeconds(62));
			attacker.contractTerminated(org, "Kaspersky Lab", "K-1", t0.plusSeconds(63));
		}

		var deadLetters = deadLetters(org, 4, record -> error(record).contains(ATTACKER));
		assertThat(deadLetters).allSatisfy(record -> assertThat(error(record))
			.isEqualTo("source '" + ATTACKER + "' may not report for organisation '" + org
					+ "': it is neither among the organisation's sources nor a trusted source"));
		JsonNode campaign = organisation(org).at("/campaigns/0");
		assertThat(campaign.at("/endpoints/banned").asLong()).as("still banned: the forged clean report counted not")
			.isEqualTo(1);
		assertThat(campaign.at("/lastScan/scanId").asText()).isEqualTo("scan-own");
		assertThat(campaign.path("phase").asText()).isEqualTo("CONTRACT_REVIEW");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inv_alternative_selection WHERE organisation_id = ?",
				Long.class, org)).isZero();
		assertThat(events("refused") - refusedBefore).isEqualTo(4);
	}

	@Test
	void eventsBeforeTheRegistrationCountOnlyWhenTheirSourceMayReportOnceItRegisters() throws Exception {
		String org = uniqueId("VITAL");
		String own = "urn:inventory:" + org.toLowerCase() + ":sccm";
		Instant t0 = Instant.now().minusSeconds(600);
		try (Integration inventory = new Integration(bootstrapServers, own);
				Integration attacker = new Integration(bootstrapServers, ATTACKER)) {
			inventory.observed(org, "pc-1", t0, List.of(Integration.kasperskyAv("active")));
			attacker.observed(org, "pc-1", t0.plusSeconds(60), List.of(Integration.defender("active")));
			attacker.scanCompleted(org, "scan-forged", t0.plusSeconds(61), 1);
		}
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				jdbc.queryForObject("SELECT COUNT(*) FROM inv_parked_event WHERE organisation_id = ?", Long.class, org))
			.as("kept until the organisation registers").isEqualTo(3));

		assertThat(register(Map.of("id", org, "name", "Vital " + org, "category", "CENTRAL_GOVERNMENT", "sources",
				List.of(own))).getStatusCode()).isEqualTo(HttpStatus.CREATED);

		JsonNode endpoints = organisation(org).at("/campaigns/0/endpoints");
		assertThat(endpoints.path("total").asLong()).isEqualTo(1);
		assertThat(endpoints.path("banned").asLong()).isEqualTo(1);
		assertThat(organisation(org).at("/campaigns/0/lastScan").isNull()).isTrue();
		assertThat(deadLetters(org, 2, record -> error(record).contains(ATTACKER))).hasSize(2);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inv_parked_event WHERE organisation_id = ?", Long.class,
				org)).isZero();
	}

	@Test
	void onlyTheProgrammeOfficeChangesWhoMayReport() throws Exception {
		String org = uniqueId("GEM");
		register(Map.of("id", org, "name", "Gemeente " + org, "category", "MUNICIPALITY"));
		String pm = user(pmGroup(org));
		String office = user(OFFICE);
		String path = "/api/organisations/" + org + "/sources";
		HttpEntity<Map<String, List<String>>> attackers = new HttpEntity<>(Map.of("sources", List.of(ATTACKER)),
				jsonHeaders());

		ResponseEntity<String> byPm = as(pm).exchange(path, HttpMethod.PUT, attackers, String.class);
		assertThat(byPm.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(byPm);

		ResponseEntity<String> invalid = as(office).exchange(path, HttpMethod.PUT,
				new HttpEntity<>(Map.of("sources", List.of("urn:*:x", "*")), jsonHeaders()), String.class);
		assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(invalid).path("detail").asText()).contains("'urn:*:x' may contain '*' only at its end")
			.contains("every source");

		ResponseEntity<String> unknown = as(office).exchange("/api/organisations/NOPE-" + org + "/sources",
				HttpMethod.PUT, new HttpEntity<>(Map.of("sources", List.of("urn:x")), jsonHeaders()), String.class);
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		ResponseEntity<String> changed = as(office).exchange(path, HttpMethod.PUT,
				new HttpEntity<>(Map.of("sources", List.of(" urn:inventory:utrecht:* ")), jsonHeaders()), String.class);
		assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(body(changed).path("sources").get(0).asText()).isEqualTo("urn:inventory:utrecht:*");
		assertThat(organisation(org).path("sources").get(0).asText()).isEqualTo("urn:inventory:utrecht:*");
	}

	@Test
	void theCsvImportTakesEachOrganisationsSources() throws Exception {
		String org = uniqueId("CSV");
		var headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		String csv = "id,name,category,sources\n" + org + ",Provincie " + org + ",PROVINCE,urn:a:*;urn:b\n"
				+ org + "-BAD,Bad,PROVINCE,urn:*:x\n";

		JsonNode result = body(demo().postForEntity("/api/organisations/import", new HttpEntity<>(csv, headers),
				String.class));

		assertThat(result.path("imported").asInt()).isEqualTo(1);
		assertThat(result.at("/rows/1/reason").asText()).contains("may contain '*' only at its end");
		assertThat(organisation(org).path("sources")).extracting(JsonNode::asText).containsExactly("urn:a:*", "urn:b");
	}

}
