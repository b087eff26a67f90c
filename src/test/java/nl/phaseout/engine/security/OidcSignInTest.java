package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import nl.phaseout.engine.robust.ApplicationProcess;

/**
 * Sign-in with OpenID Connect against a real provider (Spring Authorization Server, {@link OidcProvider},
 * in this test's JVM), the application in a JVM of its own (the dev profile, with a client
 * registration and a resource server issuer): the office and the webapps send a browser to the
 * provider and take it back signed in; its bearer tokens open {@code /api} and {@code /engine-rest}
 * with the token's groups, for users Camunda's identity tables do not know ({@code vera}); tokens
 * for another audience or expired are refused.
 */
@Tag("security")
@Tag("e2e")
class OidcSignInTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static Path dataDir;

	private static OidcProvider provider;

	private static ApplicationProcess application;

	private static String app;

	private static String redirectUri;

	@BeforeAll
	static void start() throws IOException {
		dataDir = Files.createTempDirectory("oidc-sign-in");
		// A port chosen first, so the provider knows where its client comes back to; the application on
		// 127.0.0.1 and the provider on localhost keep their cookies apart, as two sites' are.
		application = ApplicationProcess.dev(dataDir);
		app = "http://127.0.0.1:" + application.httpPort();
		redirectUri = app + "/login/oauth2/code/phaseout";
		provider = OidcProvider.start(redirectUri);
		String registration = "--spring.security.oauth2.client.registration.phaseout.";
		application.addSettings(List.of(registration + "client-id=" + OidcProvider.CLIENT_ID,
				registration + "client-secret=" + OidcProvider.CLIENT_SECRET, registration + "scope=openid",
				"--spring.security.oauth2.client.provider.phaseout.issuer-uri=" + provider.issuer(),
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + provider.issuer()));
		application.start();
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		if (provider != null) {
			provider.close();
		}
	}

	@Test
	void theOfficeSendsABrowserToTheProviderAndTakesItBackSignedIn() throws IOException {
		OidcBrowser browser = new OidcBrowser();
		HttpResponse<String> office = browser.get(app + "/office");
		assertThat(office.statusCode()).isEqualTo(302);
		HttpResponse<String> toProvider = browser.follow(office, provider.issuer());
		assertThat(toProvider.headers().firstValue("Location")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith(provider.issuer() + "/oauth2/authorize?")
			.contains("client_id=phaseout");

		HttpResponse<String> page = browser.signIn(toProvider, "demo", null);

		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.uri().toString()).startsWith(app + "/office");
		// signed in to the webapps too, with the token's groups: every app for an administrator
		JsonNode user = JSON.readTree(browser.getJson(app + "/camunda/api/admin/auth/user/default").body());
		assertThat(user.path("userId").asText()).isEqualTo("demo");
		assertThat(user.path("authorizedApps").toString()).contains("cockpit", "admin", "tasklist");
	}

	@Test
	void tasklistSendsAProjectManagerToTheProviderAndLetsHimInToTasklistOnly() throws IOException {
		OidcBrowser browser = new OidcBrowser();
		HttpResponse<String> tasklist = browser.get(app + "/camunda/app/tasklist/default/");
		assertThat(tasklist.statusCode()).isEqualTo(302);
		assertThat(tasklist.headers().firstValue("Location")).contains(app + "/oauth2/authorization/phaseout");

		HttpResponse<String> page = browser.signIn(tasklist, "vera", null);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).startsWith("/camunda/app/tasklist/default/");
		JsonNode user = JSON.readTree(browser.getJson(app + "/camunda/api/admin/auth/user/default").body());
		assertThat(user.path("userId").asText()).isEqualTo("vera");
		assertThat(user.path("authorizedApps").toString()).contains("tasklist").doesNotContain("cockpit", "admin");
	}

	@Test
	void aBearerTokenOpensTheProjectManagersOwnOrganisationOnly() {
		String token = accessToken("jan");

		assertThat(call("GET", "/api/organisations/MIN-JENV", token).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/api/organisations/MIN-BZK", token).statusCode()).isEqualTo(404);
		assertThat(call("GET", "/api/campaigns/kaspersky-av-2018/progress", token).statusCode()).isEqualTo(403);
		assertThat(call("GET", "/actuator/health", token).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/actuator/prometheus", token).statusCode()).isEqualTo(403);
		assertThat(call("GET", "/api/campaigns/kaspersky-av-2018/progress", accessToken("demo")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aTokenForAnotherAudienceOrExpiredIsRefused() {
		Map<String, Object> jan = Map.of("sub", "jan", "preferred_username", "jan", "groups", List.of("pm-min-jenv"));
		String valid = provider.sign(with(jan, "aud", List.of("phaseout")), Instant.now(), Duration.ofMinutes(5));
		String foreign = provider.sign(with(jan, "aud", List.of("another-application")), Instant.now(),
				Duration.ofMinutes(5));
		// expired well beyond the minute of clock skew a resource server allows
		String expired = provider.sign(with(jan, "aud", List.of("phaseout")), Instant.now().minus(Duration.ofHours(1)),
				Duration.ofMinutes(5));

		assertThat(call("GET", "/api/organisations/MIN-JENV", valid).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = call("GET", "/api/organisations/MIN-JENV", foreign);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("Bearer");
		assertThat(call("GET", "/api/organisations/MIN-JENV", expired).statusCode()).isEqualTo(401);
		assertThat(call("GET", "/engine-rest/task", expired).statusCode()).isEqualTo(401);
		assertThat(call("GET", "/actuator/prometheus", foreign).statusCode()).isEqualTo(401);
	}

	@Test
	void aProjectManagerUnknownToCamundaSeesHisOrganisationsTasksOnly() throws IOException {
		String office = accessToken("demo");
		HttpResponse<String> registered = call("POST", "/api/organisations", office,
				"{\"id\":\"OIDC-OTHER\",\"name\":\"Another vital provider\",\"category\":\"VITAL_PROVIDER\"}");
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> count("/engine-rest/task/count?processInstanceBusinessKey=OIDC-OTHER", office) == 1
					&& count("/engine-rest/task/count?processInstanceBusinessKey=TENNET", office) >= 1);

		String vera = accessToken("vera");
		long own = count("/engine-rest/task/count?processInstanceBusinessKey=TENNET", vera);
		assertThat(own).isGreaterThanOrEqualTo(1);
		assertThat(count("/engine-rest/task/count?processInstanceBusinessKey=OIDC-OTHER", vera)).isZero();
		assertThat(count("/engine-rest/task/count", vera)).isEqualTo(own);
		assertThat(count("/engine-rest/task/count", office)).isGreaterThan(own);
	}

	/** An access token of the provider for this user, by the authorization code flow as a client does it. */
	private String accessToken(String user) {
		OidcBrowser browser = new OidcBrowser();
		String authorize = provider.issuer() + "/oauth2/authorize?" + OidcBrowser.form(Map.of("response_type", "code",
				"client_id", OidcProvider.CLIENT_ID, "scope", "openid", "redirect_uri", redirectUri, "state", "test"));
		HttpResponse<String> back = browser.signIn(browser.get(authorize), user, redirectUri);
		String code = URI.create(back.headers().firstValue("Location").orElseThrow())
			.getQuery()
			.replaceAll(".*code=([^&]+).*", "$1");
		HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/oauth2/token"))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((OidcProvider.CLIENT_ID + ":" + OidcProvider.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(OidcBrowser.form(Map.of("grant_type", "authorization_code",
					"code", code, "redirect_uri", redirectUri)))));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		try {
			return JSON.readTree(token.body()).path("access_token").asText();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long count(String path, String token) throws IOException {
		HttpResponse<String> response = call("GET", path, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("count").asLong();
	}

	private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
		Map<String, Object> all = new java.util.HashMap<>(claims);
		all.put(name, value);
		return all;
	}

	private HttpResponse<String> call(String method, String path, String token) {
		return call(method, path, token, null);
	}

	private HttpResponse<String> call(String method, String path, String token, String json) {
		return send(HttpRequest.newBuilder(URI.create(app + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HttpClient.newHttpClient()
				.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
