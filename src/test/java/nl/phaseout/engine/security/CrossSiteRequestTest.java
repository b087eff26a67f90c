package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Threat: a page on another site makes the browser post to the API with the Basic credentials it
 * has cached: a plain HTML form registering organisations ({@code text/plain}), a multipart form
 * deploying a process (whose expressions run on the server). Unsafe requests from another origin
 * are refused, and bodies of a type the endpoint does not document too; machines are unaffected.
 */
@Tag("security")
@Tag("e2e")
class CrossSiteRequestTest extends SecurityTest {

	private static final String EVIL = "https://evil.example";

	@Autowired
	RepositoryService repositoryService;

	@Test
	void aPlainHtmlFormFromAnotherSiteCannotRegisterOrganisations() {
		String org = uniqueId("CSRF");
		HttpHeaders form = new HttpHeaders();
		form.setContentType(MediaType.TEXT_PLAIN);
		form.setOrigin(EVIL);
		String body = "id,name,category\n" + org + ",Forged,OTHER\n";

		ResponseEntity<String> forged = demo().postForEntity("/api/organisations/import", new HttpEntity<>(body, form),
				String.class);

		assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(forged);
		assertThat(forged.getBody()).contains(EVIL);
		assertThat(demo().getForEntity("/api/organisations/" + org, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void aTextPlainBodyIsNotCsvEvenWithoutAnOrigin() {
		String org = uniqueId("PLAIN");
		HttpHeaders plain = new HttpHeaders();
		plain.setContentType(MediaType.TEXT_PLAIN);

		ResponseEntity<String> refused = demo().postForEntity("/api/organisations/import",
				new HttpEntity<>("id,name,category\n" + org + ",Plain,OTHER\n", plain), String.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertProblem(refused);
		assertThat(demo().getForEntity("/api/organisations/" + org, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void fetchFromAnotherSiteIsRefusedByItsOriginOrFetchMetadata() {
		HttpHeaders fetchHeaders = jsonHeaders();
		fetchHeaders.setOrigin(EVIL);
		assertThat(demo().postForEntity("/api/organisations", new HttpEntity<>(
				Map.of("id", uniqueId("X"), "name", "X", "category", "OTHER"), fetchHeaders), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

		HttpHeaders crossSite = jsonHeaders();
		crossSite.set("Sec-Fetch-Site", "cross-site");
		assertThat(demo().exchange("/api/organisations/MIN-JENV/sources", HttpMethod.PUT,
				new HttpEntity<>(Map.of("sources", List.of("urn:evil")), crossSite), String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);

		HttpHeaders sandboxed = jsonHeaders();
		sandboxed.set(HttpHeaders.ORIGIN, "null");
		assertThat(demo().postForEntity("/engine-rest/process-definition/key/phaseout-organisation/start",
				new HttpEntity<>("{}", sandboxed), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void aMultipartFormFromAnotherSiteCannotDeployAProcess() {
		String name = uniqueId("forged-deployment");

		HttpHeaders withOrigin = new HttpHeaders();
		withOrigin.setContentType(MediaType.MULTIPART_FORM_DATA);
		withOrigin.setOrigin(EVIL);
		ResponseEntity<String> byOrigin = demo().postForEntity("/engine-rest/deployment/create",
				new HttpEntity<>(deployment(name), withOrigin), String.class);

		HttpHeaders oldBrowser = new HttpHeaders();
		oldBrowser.setContentType(MediaType.MULTIPART_FORM_DATA);
		oldBrowser.set(HttpHeaders.REFERER, EVIL + "/attack.html");
		ResponseEntity<String> byReferer = demo().postForEntity("/engine-rest/deployment/create",
				new HttpEntity<>(deployment(name), oldBrowser), String.class);

		assertThat(byOrigin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(byReferer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(byReferer);
		assertThat(repositoryService.createDeploymentQuery().deploymentName(name).count()).isZero();
	}

	@Test
	void programsAndPagesOfThisSiteKeepWorking() {
		String name = uniqueId("machine-deployment");
		HttpHeaders multipart = new HttpHeaders();
		multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
		ResponseEntity<String> deployed = demo().postForEntity("/engine-rest/deployment/create",
				new HttpEntity<>(deployment(name), multipart), String.class);
		assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

		HttpHeaders sameOrigin = jsonHeaders();
		sameOrigin.setOrigin("http://localhost:" + port);
		sameOrigin.set("Sec-Fetch-Site", "same-origin");
		assertThat(demo().postForEntity("/api/organisations", new HttpEntity<>(
				Map.of("id", uniqueId("SAME"), "name", "Same site", "category", "OTHER"), sameOrigin), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void formEncodedBodiesAreRefusedOnCamundaRest() {
		HttpHeaders form = new HttpHeaders();
		form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		ResponseEntity<String> refused = demo().postForEntity("/engine-rest/process-definition/key/x/start",
				new HttpEntity<>("a=b", form), String.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertProblem(refused);
	}

	@Test
	void theWebappsKeepTheirOwnCsrfProtection() {
		HttpHeaders form = new HttpHeaders();
		form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		form.setOrigin(EVIL);
		ResponseEntity<String> withoutToken = http.postForEntity("/camunda/api/admin/auth/user/default/login/cockpit",
				new HttpEntity<>("username=demo&password=demo", form), String.class);

		assertThat(withoutToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(withoutToken.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo("Required");
	}

	private static MultiValueMap<String, Object> deployment(String name) {
		String bpmn = """
				<?xml version="1.0" encoding="UTF-8"?>
				<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
				    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
				  <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
				    <startEvent id="start" />
				  </process>
				</definitions>""".formatted(name.replaceAll("[^A-Za-z0-9]", "_"));
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("deployment-name", name);
		parts.add("data", new ByteArrayResource(bpmn.getBytes()) {

			@Override
			public String getFilename() {
				return "forged.bpmn";
			}

		});
		return parts;
	}

}
