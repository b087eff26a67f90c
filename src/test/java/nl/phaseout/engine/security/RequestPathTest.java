package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * Threat (issue 19): a path that reaches a controller or Camunda's REST under another spelling
 * ({@code /%61pi/...} is {@code /api/...}) skipped the filters that compared the raw URI: a
 * cross-site POST was accepted, a 30 MB body read whole, and {@code /%65ngine-rest} ran the engine
 * without the user, so without Camunda's authorizations. Every filter matches the decoded,
 * normalised path; spellings that Spring Security's firewall refuses ({@code //}, {@code ;}) are
 * refused, and other cases of letters reach nothing.
 */
@Tag("security")
@Tag("e2e")
class RequestPathTest extends SecurityTest {

	private static final String CSV = "text/csv";

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Test
	void anEncodedPathMeetsTheCrossSiteRule() throws Exception {
		String office = user(OFFICE);
		String org = uniqueId("ENC");

		RawHttp.Response response = RawHttp.to(port).basic(office, PASSWORD).header("Origin", "https://evil.example")
			.header("Content-Type", "application/json")
			.send("POST", "/%61pi/organisations",
					"{\"id\":\"" + org + "\",\"name\":\"Forged\",\"category\":\"OTHER\"}");

		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(demo().getForEntity("/api/organisations/" + org, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void anEncodedPathMeetsTheUploadLimit() {
		String office = user(OFFICE);

		RawHttp.Response response = RawHttp.to(port).basic(office, PASSWORD).header("Content-Type", CSV)
			.send("POST", "/%61pi/organisations/import", "id,name,category\n", 30L * 1024 * 1024);

		assertThat(response.status()).as(response.body()).isEqualTo(413);
	}

	@Test
	void otherSpellingsOfAPathAreRefusedOrReachNothing() {
		String office = user(OFFICE);
		for (String path : List.of("//api/organisations", "/api;x=y/organisations", "/api/organisations;x=y",
				"/%2Fapi/organisations", "/API/organisations", "/Api/organisations", "/api/./organisations",
				"/x/../api/organisations")) {
			String org = uniqueId("SPELL");

			RawHttp.Response response = RawHttp.to(port).basic(office, PASSWORD).header("Origin", "https://evil.example")
				.header("Content-Type", "application/json")
				.send("POST", path, "{\"id\":\"" + org + "\",\"name\":\"Forged\",\"category\":\"OTHER\"}");

			assertThat(response.status()).as("%s: %s", path, response.body()).isIn(400, 403, 404);
			assertThat(demo().getForEntity("/api/organisations/" + org, String.class).getStatusCode()).as(path)
				.isEqualTo(HttpStatus.NOT_FOUND);
		}
	}

	@Test
	void anEncodedEngineRestPathStillRunsAsTheUser() throws Exception {
		String victim = uniqueId("VIC");
		assertThat(register(Map.of("id", victim, "name", "Organisatie " + victim, "category", "VITAL_PROVIDER"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String other = uniqueId("OTHER");
		assertThat(register(Map.of("id", other, "name", "Organisatie " + other, "category", "OTHER"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String stranger = user(pmGroup(other));
		String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(victim)
			.singleResult().getId();

		for (String prefix : List.of("/%65ngine-rest", "/engine-res%74", "/engine-rest/engine/defaul%74")) {
			RawHttp.Response tasks = RawHttp.to(port).basic(stranger, PASSWORD)
				.send("GET", prefix + "/task?processInstanceBusinessKey=" + victim, null);
			RawHttp.Response variable = RawHttp.to(port).basic(stranger, PASSWORD)
				.header("Content-Type", "application/json")
				.send("PUT", prefix + "/process-instance/" + instance + "/variables/organisationId",
						"{\"value\":\"" + stranger + "\"}");

			// Jersey may refuse a servlet path it cannot match; what it serves, it serves as the user
			assertThat(tasks.body()).as("%s: Camunda's authorizations apply", prefix).doesNotContain(instance);
			assertThat(variable.status()).as("%s: %s", prefix, variable.body()).isIn(403, 404, 500);
		}
		assertThat(runtimeService.getVariable(instance, "organisationId")).isEqualTo(victim);
	}

}
