package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Threat: a project manager learns about other organisations. Another organisation's id answers
 * 404 exactly as an unknown id does (no group names); the campaign progress is for the office;
 * health details (database and Kafka) are for administrators.
 */
@Tag("security")
@Tag("e2e")
class DisclosureTest extends SecurityTest {

	@Test
	void anotherOrganisationLooksExactlyLikeOneThatDoesNotExist() throws Exception {
		String other = uniqueId("OTHER");
		register(Map.of("id", other, "name", "Other", "category", "CENTRAL_GOVERNMENT"));
		String unknown = uniqueId("NONE");
		TestRestTemplate pm = as(user("pm-min-jenv"));

		ResponseEntity<String> existing = pm.getForEntity("/api/organisations/" + other, String.class);
		ResponseEntity<String> missing = pm.getForEntity("/api/organisations/" + unknown, String.class);

		assertThat(existing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(body(existing).path("detail").asText().replace(other, "ID"))
			.isEqualTo(body(missing).path("detail").asText().replace(unknown, "ID"));
		assertThat(existing.getBody()).doesNotContain(pmGroup(other)).doesNotContain("pm-");
		assertThat(existing.getHeaders().getContentType()).isEqualTo(missing.getHeaders().getContentType());
	}

	@Test
	void campaignProgressIsForTheProgrammeOffice() {
		String path = "/api/campaigns/kaspersky-av-2018/progress";

		ResponseEntity<String> byPm = as(user("pm-min-jenv")).getForEntity(path, String.class);

		assertThat(byPm.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(byPm);
		assertThat(as(user(OFFICE)).getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void healthDetailsAreForAdministrators() throws Exception {
		JsonNode forPm = body(as(user("pm-min-jenv")).getForEntity("/actuator/health", String.class));
		JsonNode forOffice = body(as(user(OFFICE)).getForEntity("/actuator/health", String.class));
		JsonNode forAdmin = body(demo().getForEntity("/actuator/health", String.class));

		assertThat(forPm.path("status").asText()).isEqualTo("UP");
		assertThat(forPm.has("components")).isFalse();
		assertThat(forOffice.has("components")).isFalse();
		assertThat(forAdmin.at("/components/kafka/details/clusterId").asText()).isNotBlank();
	}

}
