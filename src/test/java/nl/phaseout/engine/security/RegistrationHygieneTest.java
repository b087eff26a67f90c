package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Threat: whoever registers an organisation chooses who works its tasks. A {@code pmGroup} of
 * {@code camunda-admin} or {@code phaseout-office} hands the organisation's tasks to the engine's
 * administrators and makes them its project managers; another organisation's group makes that
 * organisation's project managers this one's; {@code min-jenv} next to {@code MIN-JENV} takes the
 * default group {@code pm-min-jenv}, making jan its project manager. All refused, over the real API.
 */
@Tag("security")
@Tag("e2e")
class RegistrationHygieneTest extends SecurityTest {

	@Autowired
	RuntimeService runtimeService;

	@Test
	void theEnginesOwnGroupsServeNoOrganisation() throws Exception {
		for (String group : new String[] { "camunda-admin", "phaseout-office" }) {
			String id = uniqueId("ADM");
			ResponseEntity<String> response = register(
					Map.of("id", id, "name", "Taken over", "category", "CENTRAL_GOVERNMENT", "pmGroup", group));

			assertThat(response.getStatusCode()).as(group).isEqualTo(HttpStatus.BAD_REQUEST);
			assertProblem(response);
			assertThat(body(response).path("detail").asText())
				.contains("pmGroup '" + group + "' is the engine's own")
				.contains("leave pmGroup out for pm-<id>");
			assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
		}
	}

	@Test
	void aGroupServesOneOrganisationOnly() throws Exception {
		String first = uniqueId("ONE");
		String group = "pm-shared-" + first.toLowerCase(Locale.ROOT);
		assertThat(register(Map.of("id", first, "name", "First", "category", "OTHER", "pmGroup", group))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		String second = uniqueId("TWO");
		ResponseEntity<String> response = register(
				Map.of("id", second, "name", "Second", "category", "OTHER", "pmGroup", group));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(response).path("detail").asText())
			.isEqualTo("pmGroup '" + group + "' already serves organisation '" + first + "'; each organisation has a"
					+ " project managers' group of its own: leave pmGroup out for pm-<id>, or name another");
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(second).count()).isZero();
	}

	@Test
	void anotherOrganisationsDefaultGroupIsTakenToo() throws Exception {
		ResponseEntity<String> response = register(Map.of("id", uniqueId("JAN"), "name", "Jan's too", "category",
				"OTHER", "pmGroup", "pm-min-jenv"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(response).path("detail").asText()).contains("already serves organisation 'MIN-JENV'");
	}

	@Test
	void anIdInAnotherCaseIsTheSameOrganisation() throws Exception {
		ResponseEntity<String> response = register(
				Map.of("id", "min-jenv", "name", "Ministerie, nog eens", "category", "CENTRAL_GOVERNMENT"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertProblem(response);
		assertThat(body(response).path("detail").asText())
			.isEqualTo("Organisation 'min-jenv' is already registered as 'MIN-JENV' (ids are the same regardless of"
					+ " case); it keeps its existing phase-out process.");
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("min-jenv").count())
			.isZero();
	}

	@Test
	void aCsvImportRefusesTheSameRowByRowAndImportsTheRest() throws Exception {
		String fine = uniqueId("FINE");
		String twice = uniqueId("Case");
		String csv = "id,name,category,pmGroup\n" + fine + ",Fine,OTHER,\n" + "min-jenv,Again,CENTRAL_GOVERNMENT,\n"
				+ uniqueId("ADM") + ",Admins,OTHER,camunda-admin\n" + uniqueId("JAN") + ",Jan's,OTHER,pm-min-jenv\n"
				+ twice + ",Once,OTHER,\n" + twice.toLowerCase(Locale.ROOT) + ",Twice,OTHER,\n";
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));

		ResponseEntity<String> response = demo().postForEntity("/api/organisations/import",
				new HttpEntity<>(csv, headers), String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode result = body(response);
		assertThat(result.path("imported").asInt()).isEqualTo(2);
		JsonNode rows = result.path("rows");
		assertThat(rows.get(0).path("status").asText()).isEqualTo("CREATED");
		assertThat(rows.get(1).path("reason").asText())
			.isEqualTo("already registered as 'MIN-JENV' (ids are the same regardless of case)");
		assertThat(rows.get(2).path("reason").asText()).contains("pmGroup 'camunda-admin' is the engine's own");
		assertThat(rows.get(3).path("reason").asText()).contains("already serves organisation 'MIN-JENV'");
		assertThat(rows.get(4).path("status").asText()).isEqualTo("CREATED");
		assertThat(rows.get(5).path("reason").asText()).isEqualTo("already registered (line 6)");
	}

}
