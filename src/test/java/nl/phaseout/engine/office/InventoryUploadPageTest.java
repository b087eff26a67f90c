package nl.phaseout.engine.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import nl.phaseout.engine.EndToEndTest;
import nl.phaseout.engine.Organisations;

/**
 * The inventory upload form on an organisation's page, over HTTP as a browser sends it: the page
 * with its CSRF token, then the form posted as multipart with the file, answered with a page.
 */
@Tag("e2e")
class InventoryUploadPageTest extends EndToEndTest {

	private static final String PASSWORD = "an-upload-form-passphrase";

	private static final Pattern CSRF = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	IdentityService identityService;

	@Autowired
	ObjectMapper json;

	private Organisations organisations;

	@BeforeEach
	void organisations() {
		organisations = new Organisations(http, demo(), identityService, json);
	}

	@Test
	void aProjectManagerUploadsADutchSpreadsheetAndSeesWhatWasAccepted() throws Exception {
		String org = Organisations.newId("FRM");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		Session pm = new Session(projectManagerOf(org));

		HttpResponse<String> page = pm.get("/office/organisations/" + org);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"inventory-upload-form\"")
			.contains("action=\"/office/organisations/" + org + "/inventory\"")
			.contains("Hoogstens 50.000 regels per upload");

		byte[] spreadsheet = ("\uFEFFendpointId;vendor;name;version;category;state\r\n"
				+ "pc-1;Kaspersky;Kaspersky Endpoint Security;11,11;antivirus;active\r\n"
				+ "pc-2;Microsoft;Microsoft Defender Antivirus;4,18;antivirus;active\r\n"
				+ "pc-3;;;;;\r\n").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> answer = pm.upload("/office/organisations/" + org + "/inventory", token(page.body()),
				spreadsheet);

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("content-type").orElse("")).startsWith("text/html");
		assertThat(answer.body()).contains("Geaccepteerd")
			.containsPattern("id=\"upload-rows\">3<")
			.containsPattern("id=\"upload-endpoints\">3<")
			.doesNotContain("upload-refused");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(
				() -> assertThat(organisations.view(org).at("/campaigns/0/endpoints/total").asLong()).isEqualTo(3));
		assertThat(organisations.view(org).at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1);
		assertThat(pm.get("/office/organisations/" + org + "?lang=en").body())
			.contains("At most 50,000 lines per upload");
	}

	@Test
	void refusedLinesAreListedWithTheirReasonAndNothingIsPublished() throws Exception {
		String org = Organisations.newId("FRX");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		Session pm = new Session(projectManagerOf(org));
		String token = token(pm.get("/office/organisations/" + org).body());

		HttpResponse<String> answer = pm.upload("/office/organisations/" + org + "/inventory", token,
				("endpointId,vendor,name,version,category,state\n" + "pc-1,Microsoft,Defender,,antivirus,active\n"
						+ "pc-2,Microsoft,Defender,,antivirus,on\n" + "<script>,Microsoft,Defender,,antivirus,active\n")
					.getBytes(StandardCharsets.UTF_8));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("2 regels geweigerd")
			.contains("Er is niets verwerkt")
			.contains("data-line=\"3\"")
			.contains("state ‘on’ is niet active, passive of disabled")
			.contains("data-line=\"4\"")
			.contains("endpointId bevat ‘&lt;’ op positie 1")
			.doesNotContain("is not one of", "at position")
			.doesNotContain("<script>,");
		assertThat(organisations.view(org).at("/campaigns/0/endpoints/total").asLong()).isZero();

		HttpResponse<String> english = pm.upload("/office/organisations/" + org + "/inventory?lang=en", token,
				("endpointId;vendor;name;version;category;state\n" + "pc-2;Microsoft;Defender;;antivirus;on\n")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(english.body()).as("the page's language, chosen with lang=en")
			.contains("state ‘on’ is not one of active, passive, disabled")
			.doesNotContain("is niet active");
	}

	@Test
	void aWindowsSpreadsheetThatIsNotUtf8IsReadAsWindows1252() throws Exception {
		String org = Organisations.newId("FRW");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		Session office = new Session(basic("demo", "demo"));
		String token = token(office.get("/office/organisations/" + org).body());

		HttpResponse<String> answer = office.upload("/office/organisations/" + org + "/inventory", token,
				("endpointId;vendor;name;version;category;state\r\n" + "pc-Müller;Microsoft;Defender;;antivirus;active\r\n")
					.getBytes(Charset.forName("windows-1252")));

		assertThat(answer.body()).contains("Geaccepteerd");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json
			.readTree(demo().getForObject("/api/organisations/" + org + "/endpoints", String.class))
			.at("/endpoints/0/endpointId")
			.asText()).isEqualTo("pc-Müller"));
	}

	@Test
	void toAProjectManagerOfAnotherOrganisationTheFormIsNotThere() throws Exception {
		String own = Organisations.newId("FRO");
		String other = Organisations.newId("FRT");
		organisations.register(own, "CENTRAL_GOVERNMENT");
		organisations.register(other, "CENTRAL_GOVERNMENT");
		Session pm = new Session(projectManagerOf(own));
		String token = token(pm.get("/office/organisations/" + own).body());

		HttpResponse<String> answer = pm.upload("/office/organisations/" + other + "/inventory", token,
				"endpointId,vendor,name,version,category,state\npc-1,,,,,\n".getBytes(StandardCharsets.UTF_8));

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.headers().firstValue("content-type").orElse("")).startsWith("text/html");
		assertThat(answer.body()).contains("Deze pagina bestaat niet, of u mag haar niet zien.");
		assertThat(organisations.view(other).at("/campaigns/0/endpoints/total").asLong()).isZero();
	}

	@Test
	void withoutTheCsrfTokenTheFormIsRefused() throws Exception {
		String org = Organisations.newId("FRC");
		organisations.register(org, "CENTRAL_GOVERNMENT");
		Session pm = new Session(projectManagerOf(org));
		pm.get("/office/organisations/" + org);

		HttpResponse<String> answer = pm.upload("/office/organisations/" + org + "/inventory", null,
				"endpointId,vendor,name,version,category,state\npc-1,,,,,\n".getBytes(StandardCharsets.UTF_8));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(organisations.view(org).at("/campaigns/0/endpoints/total").asLong()).isZero();
	}

	private String projectManagerOf(String org) {
		String userId = "pm" + UUID.randomUUID().toString().substring(0, 8);
		User user = identityService.newUser(userId);
		user.setPassword(PASSWORD);
		identityService.saveUser(user);
		identityService.createMembership(userId, "pm-" + org.toLowerCase());
		return basic(userId, PASSWORD);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
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

		HttpResponse<String> upload(String path, String csrf, byte[] file) throws Exception {
			String boundary = "----form" + UUID.randomUUID();
			Map<String, String> fields = new LinkedHashMap<>();
			if (csrf != null) {
				fields.put("_csrf", csrf);
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			for (Map.Entry<String, String> field : fields.entrySet()) {
				body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
						+ "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
			}
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"inventaris.csv\""
					+ "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes(file);
			body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"csv\"\r\n\r\n\r\n--"
					+ boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return client.send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
				.header("Accept", "text/html")
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.header("Origin", "http://localhost:" + port)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + port + path);
		}

	}

}
