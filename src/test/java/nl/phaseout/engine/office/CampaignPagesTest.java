package nl.phaseout.engine.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import nl.phaseout.engine.EndToEndTest;

/**
 * The office's campaign pages over HTTP, as a browser sends them: the list, the create form posted
 * with its CSRF token (its problems at their fields, in Dutch), one campaign's page with its
 * buttons. Drafts only: an active campaign would change what the shared application's other tests see.
 */
@Tag("e2e")
class CampaignPagesTest extends EndToEndTest {

	private static final Pattern CSRF = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	IdentityService identities;

	@Test
	void theOfficeCreatesACampaignFromATemplateAndSeesItOnItsPage() throws Exception {
		Session office = new Session("demo", "demo");
		HttpResponse<String> list = office.get("/office/campaigns");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("<h1>Campagnes</h1>")
			.contains("data-id=\"kaspersky-av-2018\"")
			.contains("href=\"/office/campaigns\"")
			.contains("Actief");
		assertThat(office.get("/office").body()).as("the dashboard's navigation").contains("href=\"/office/campaigns\"");

		HttpResponse<String> form = office.get("/office/campaigns/new");
		assertThat(form.body()).contains("value=\"windows-10-eos-2025\"").contains("for=\"campaign-completion\"");
		String id = "w10-" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> created = office.post("/office/campaigns", token(form.body()),
				Map.of("template", "windows-10-eos-2025", "id", id, "name", "Windows 10 bij " + id,
						"decisionReference", "Besluit " + id, "decisionDate", "2025-06-30", "inventory", "P30D"));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		assertThat(created.headers().firstValue("location").orElse("")).contains("/office/campaigns/" + id);
		HttpResponse<String> page = office.get(created.headers().firstValue("location").orElseThrow());
		assertThat(page.body()).contains("Windows 10 bij " + id)
			.contains("is aangemaakt als concept")
			.contains("data-status=\"DRAFT\"")
			.contains("Besluit " + id)
			.contains("hoogstens tot en met 13 oktober 2026")
			.contains("P30D")
			.contains("href=\"/office?campaign=" + id)
			.contains("id=\"campaign-activate\"");
		assertThat(office.get("/office?campaign=" + id).statusCode()).as("a draft's progress").isEqualTo(200);
		HttpResponse<String> closed = office.post("/office/campaigns/" + id + "/close", token(page.body()), Map.of());
		assertThat(closed.statusCode()).isEqualTo(302);
		assertThat(office.get(closed.headers().firstValue("location").orElseThrow()).body()).contains("data-status=\"CLOSED\"")
			.contains("De campagne is gesloten")
			.doesNotContain("id=\"campaign-activate\"");
		assertThat(office.get("/office/campaigns/" + id + "?lang=en").body()).contains("until 13 October 2026 at most")
			.contains("Closed");
	}

	@Test
	void theFormShowsItsProblemsAtTheirFieldsInDutch() throws Exception {
		Session office = new Session("demo", "demo");
		String token = token(office.get("/office/campaigns/new").body());

		HttpResponse<String> answer = office.post("/office/campaigns", token, Map.of("template",
				"windows-10-eos-2025", "id", "Geen Goed Kenmerk", "name", "X", "inventory", "over een maand",
				"decisionDate", "30-06-2025"));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("De campagne is niet aangemaakt")
			.contains("id=\"campaign-id-error\"")
			.contains("Een kenmerk bestaat uit hoogstens 64 kleine letters")
			.contains("id=\"campaign-inventory-error\"")
			.contains("Vul een duur in zoals P30D")
			.contains("id=\"campaign-decisionDate-error\"")
			.contains("aria-invalid=\"true\"")
			.contains("value=\"over een maand\"");
	}

	@Test
	void theCampaignPagesAreTheOfficesOnly() throws Exception {
		String userId = "pm" + UUID.randomUUID().toString().substring(0, 8);
		User user = identities.newUser(userId);
		user.setPassword("a-long-enough-secret");
		identities.saveUser(user);
		Session pm = new Session(userId, "a-long-enough-secret");

		assertThat(pm.get("/office/campaigns").statusCode()).isEqualTo(404);
		assertThat(pm.get("/office/campaigns/kaspersky-av-2018").statusCode()).isEqualTo(404);
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

		Session(String user, String password) {
			this.authorization = "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		}

		HttpResponse<String> get(String path) throws Exception {
			return client.send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
				.header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String csrf, Map<String, String> fields) throws Exception {
			Map<String, String> all = new LinkedHashMap<>(fields);
			all.put("_csrf", csrf);
			String body = all.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return client.send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
				.header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return path.startsWith("http") ? URI.create(path) : URI.create("http://localhost:" + port + path);
		}

	}

}
