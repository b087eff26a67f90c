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
 * without the user, so without Camunda's authorizations (later: a 500 and an error in the log, as
 * Jersey could not match its servlet path). A percent-encoded letter, digit, {@code -}, {@code .},
 * {@code _} or {@code ~} in the path is refused with 400 before any other filter or servlet; every filter
 * matches the decoded, normalised path; other spellings that the firewall refuses ({@code //},
 * {@code ;}) are refused, and other cases of letters reach nothing.
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

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(demo().getForEntity("/api/organisations/" + org, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void anEncodedPathMeetsTheUploadLimit() {
		String office = user(OFFICE);

		RawHttp.Response response = RawHttp.to(port).basic(office, PASSWORD).header("Content-Type", CSV)
			.send("POST", "/%61pi/organisations/import", "id,name,category\n", 30L * 1024 * 1024);

		assertThat(response.status()).as(response.body()).isEqualTo(400);
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

			assertThat(tasks.status()).as("%s: %s", prefix, tasks.body()).isEqualTo(400);
			assertThat(tasks.body()).as("%s: Camunda's authorizations apply", prefix).doesNotContain(instance);
			assertThat(variable.status()).as("%s: %s", prefix, variable.body()).isEqualTo(400);
		}
		assertThat(runtimeService.getVariable(instance, "organisationId")).isEqualTo(victim);
	}

	@Test
	void aPercentEncodedUnreservedCharacterInThePathIsABadRequest() {
		for (String path : List.of("/%65ngine-rest/task", "/engine-res%74/task", "/engine-rest/%74ask",
				"/engine-rest/engine/defaul%74/task", "/camunda/api/engine/engine/defaul%74/task", "/%61pi/organisations",
				"/api/organisations/MIN%2DJENV", "/api/organisations/MIN-JEN%56", "/api/organisations/%4d%49N-JENV",
				"/api/organisations/x%2E", "/api/organisations/x%5Fy", "/api/organisations/x%7Ey",
				"/api/organisations/x%30")) {
			RawHttp.Response response = RawHttp.to(port).basic("demo", "demo").send("GET", path, null);

			assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(400);
			assertThat(response.body()).as(path).contains("percent-encoding");
		}
	}

	@Test
	void otherPercentEncodingStillReachesTheApplication() {
		RawHttp.Response space = RawHttp.to(port).basic("demo", "demo").send("GET", "/api/organisations/MIN%20JENV", null);
		RawHttp.Response plain = RawHttp.to(port).basic("demo", "demo").send("GET", "/api/organisations/MIN-JENV", null);

		assertThat(space.status()).as(space.body()).isEqualTo(404);
		assertThat(plain.status()).as(plain.body()).isEqualTo(200);
	}

}
