package nl.phaseout.engine.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import nl.phaseout.engine.EndToEndTest;
import nl.phaseout.engine.Integration;
import nl.phaseout.engine.Organisations;

/**
 * The exemption form on an organisation's page, as a project manager's browser sends it: the page with
 * its CSRF token, the form posted, and the page again with what happened and the request listed.
 */
class ExemptionPageTest extends EndToEndTest {

	private static final String PASSWORD = "an-exemption-form-passphrase";

	private static final Pattern CSRF = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	IdentityService identityService;

	@Autowired
	TaskService taskService;

	@Autowired
	ObjectMapper json;

	private Organisations organisations;

	@BeforeEach
	void organisations() {
		organisations = new Organisations(http, demo(), identityService, json);
	}

	@Test
	void aProjectManagerRequestsAnExemptionOnTheOrganisationsPageAndTheOfficeGetsTheReview() throws Exception {
		String org = Organisations.newId("EXFORM");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		try (Integration intune = new Integration(bootstrapServers, "/test/intune")) {
			intune.observed(org, "pc-1", Instant.now().minusSeconds(60), List.of(Integration.kasperskyAv("active")));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
					organisations.view(org).at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1));
		}
		Session pm = new Session(projectManagerOf(org));
		HttpResponse<String> page = pm.get("/office/organisations/" + org);
		assertThat(page.body()).contains("id=\"exemption-form\"").contains("Uitzondering aanvragen")
			.contains("Uiterlijk tot en met 2099-12-31");
		String today = LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString();

		HttpResponse<String> refused = pm.post("/office/organisations/" + org + "/exemptions?campaign=kaspersky-av-2018",
				Map.of("_csrf", token(page.body()), "endpoints", "pc-1\npc-onbekend", "reason", "Medisch apparaat",
						"until", today));
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(pm.get(location(refused)).body()).contains("De aanvraag is niet aangenomen")
			.contains("pc-onbekend");

		page = pm.get("/office/organisations/" + org);
		HttpResponse<String> accepted = pm.post("/office/organisations/" + org + "/exemptions?campaign=kaspersky-av-2018",
				Map.of("_csrf", token(page.body()), "endpoints", "pc-1", "reason", "Medisch <b>apparaat</b>",
						"until", today));
		assertThat(accepted.statusCode()).isEqualTo(302);
		assertThat(pm.get(location(accepted)).body()).contains("Uitzondering aangevraagd voor 1 endpoint(s)")
			.contains("Aangevraagd, wacht op het programmabureau")
			.contains("Medisch &lt;b&gt;apparaat&lt;/b&gt;");
		assertThat(taskService.createTaskQuery().processDefinitionKey("phaseout-exemption")
			.processInstanceBusinessKey(org).taskCandidateGroup("phaseout-office").count()).isEqualTo(1);
	}

	/** Where the answer sends the browser back to: the organisation's page, the flash message with it. */
	private String location(HttpResponse<String> answer) {
		String location = answer.headers().firstValue("location").orElseThrow();
		URI uri = URI.create(location);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	private String projectManagerOf(String org) {
		String userId = "pm" + UUID.randomUUID().toString().substring(0, 8);
		User user = identityService.newUser(userId);
		user.setPassword(PASSWORD);
		identityService.saveUser(user);
		identityService.createMembership(userId, "pm-" + org.toLowerCase());
		return "Basic " + Base64.getEncoder().encodeToString((userId + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private static String token(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("the form carries a CSRF token").isTrue();
		return matcher.group(1);
	}

	/** A browser's session: its cookies, and HTTP Basic for signing in. */
	private final class Session {

		private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String authorization;

		Session(String authorization) {
			this.authorization = authorization;
		}

		HttpResponse<String> get(String path) throws Exception {
			return client.send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
				.header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
			String body = new LinkedHashMap<>(fields).entrySet().stream()
				.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return client.send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
				.header("Accept", "text/html")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Origin", "http://localhost:" + port)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + port + path);
		}

	}

}
