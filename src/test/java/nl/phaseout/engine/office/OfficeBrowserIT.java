package nl.phaseout.engine.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.tags.EndToEnd;
import nl.phaseout.engine.tags.NeedsBrowser;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.phaseout.engine.Integration;

/**
 * The programme office and a project manager as they meet the application: headless Chromium
 * against the whole application (embedded Kafka broker, H2, the Camunda webapps). The demo
 * campaign's inventory deadline is 15 seconds, so the organisations without a scan become overdue.
 * An integration test (failsafe), in a JVM of its own: its application context, with campaign
 * settings of its own, would register a second process engine named "default" beside the other
 * tests' one, and Camunda REST and the webapps would find whichever registered last.
 */
@EndToEnd
@NeedsBrowser
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "phaseout.kafka.embedded.port=0", "phaseout.campaigns[0].id=kaspersky-av-2018",
				"phaseout.campaigns[0].name=Uitfasering Kaspersky-antivirus (2018)",
				"phaseout.campaigns[0].decision-date=2018-05-14",
				"phaseout.campaigns[0].deadlines.inventory=PT15S",
				"phaseout.campaigns[0].status-report-interval=PT20S" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficeBrowserIT {

	static final String CAMPAIGN = "kaspersky-av-2018";

	static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	RuntimeService runtime;

	@Autowired
	org.camunda.bpm.engine.IdentityService identity;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) throws Exception {
		Path dir = Files.createTempDirectory("phaseout-browser-");
		registry.add("phaseout.data-dir", dir::toString);
	}

	@BeforeAll
	void inventoryForOneOrganisation() throws Exception {
		// MIN-JENV (project manager jan) reports its endpoints, through the Intune feed the dev profile trusts;
		// the other demo organisations do not.
		Instant t0 = Instant.now().minusSeconds(600);
		try (Integration intune = new Integration(bootstrapServers, "/intune/rijksict")) {
			intune.observed("MIN-JENV", "pc-1", t0, List.of(Integration.kasperskyAv("active")));
			intune.observed("MIN-JENV", "pc-2", t0, List.of(Integration.defender("active")));
			intune.scanCompleted("MIN-JENV", "scan-1", t0.plusSeconds(60), 2);
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> tasks.createTaskQuery().processInstanceBusinessKey("MIN-JENV")
				.taskDefinitionKey("Task_ReviewContracts").count() == 1);
		// MIN-BZK (no scan) misses its inventory deadline; TenneT, advised and still deciding, is not held to it yet.
		await().atMost(Duration.ofSeconds(60)).until(() -> api("/api/campaigns/" + CAMPAIGN + "/organisations?overdue=true")
			.get("organisations").findValuesAsText("id").contains("MIN-BZK"));
	}

	@Test
	@Order(1)
	void projectManagerCompletesTheContractReviewInTasklistInDutch() {
		try (Browser browser = new Browser("nl")) {
			browser.driver.get(url("/camunda/app/tasklist/default/"));
			WebElement user = browser.wait.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
			assertThat(user.getAttribute("placeholder")).isEqualTo("Gebruikersnaam");
			browser.screenshot("tasklist-login-nl");
			browser.signInToWebapp("jan", "jan");

			// Only the organisation's own tasks, and no office filter.
			browser.wait.until(driver -> !browser.all(".tasks-list li.task").isEmpty());
			assertThat(browser.all(".filters .item, [cam-tasklist-filters] li").stream().map(WebElement::getText).toList())
				.noneMatch(name -> name.contains("Programmabureau"));
			List<String> names = browser.all(".tasks-list li.task .names h4, .tasks-list li.task h4").stream()
				.map(WebElement::getText)
				.toList();
			assertThat(names).isNotEmpty().allMatch(name -> name.contains("Justitie"));
			browser.screenshot("tasklist-tasks-nl");

			String taskId = tasks.createTaskQuery().processInstanceBusinessKey("MIN-JENV")
				.taskDefinitionKey("Task_ReviewContracts").singleResult().getId();
			browser.driver.get(url("/camunda/app/tasklist/default/#/?task=" + taskId));
			// A candidate claims the task before completing it, as in any Tasklist.
			browser.clickInWebapp(browser.wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("button.claim[ng-click='claim()']"))));
			browser.wait.until(driver -> tasks.createTaskQuery().taskId(taskId).taskAssignee("jan").count() == 1);
			browser.wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("button[ng-click='unclaim()']")));
			// an explicit choice first: the contract's fields appear once "yes, a contract runs" is chosen
			WebElement running = browser.wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("input[type='radio'][id*='Field_runningContract']")));
			assertThat(browser.driver.getPageSource()).contains("Loopt er een contract met de leverancier?");
			browser.clickInWebapp(running);
			WebElement notice = browser.wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("[id$='Field_noticePeriodDays']")));
			browser.typeInWebapp(notice, "90");
			WebElement date = browser.driver.findElement(By.cssSelector("input[id*='Field_contractEndDate']"));
			browser.clickInWebapp(browser.driver.findElement(By.cssSelector("[id$='Field_terminationRequested']")));
			// a day that does not exist passes the form's dd-mm-jjjj and is refused by the engine, in Dutch
			browser.typeInWebapp(date, "31-02-2026");
			browser.driver.executeScript("arguments[0].blur()", date);
			browser.clickInWebapp(browser.driver.findElement(By.cssSelector("button[ng-click='complete()']")));
			browser.wait.until(driver -> driver.getPageSource().contains("is geen bestaande datum"));
			browser.screenshot("tasklist-review-contracts-refused-nl");
			assertThat(tasks.createTaskQuery().taskId(taskId).count()).isOne();
			browser.driver.executeScript("arguments[0].select()", date);
			browser.typeInWebapp(date, "31-12-2026");
			browser.driver.executeScript("arguments[0].blur()", date);
			browser.screenshot("tasklist-review-contracts-nl");
			browser.clickInWebapp(browser.driver.findElement(By.cssSelector("button[ng-click='complete()']")));

			await().atMost(Duration.ofSeconds(30))
				.until(() -> history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() == 1);
			String processInstanceId = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult()
				.getProcessInstanceId();
			assertThat(runtime.getVariable(processInstanceId, "noticePeriodDays")).isIn(90L, 90, 90.0);
			assertThat(runtime.getVariable(processInstanceId, "runningContract")).isEqualTo(true);
			assertThat(runtime.getVariable(processInstanceId, "contractEndDate")).isEqualTo("2026-12-31");
			browser.screenshot("tasklist-completed-nl");

			// The same session serves /office: no second login; Cockpit is not for a project manager.
			browser.driver.get(url("/office"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/office");
			assertThat(browser.all("#organisations tbody tr[data-id]")).extracting(row -> row.getAttribute("data-id"))
				.containsExactly("MIN-JENV");
			browser.driver.get(url("/camunda/app/cockpit/default/"));
			assertThat(browser.driver.findElement(By.id("error-message")).getText()).contains("Cockpit");
			browser.screenshot("cockpit-refused-nl");

			// Another organisation's page answers as an unknown one: a Dutch page, not JSON.
			browser.driver.get(url("/office/organisations/MIN-BZK"));
			assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Organisatie niet gevonden");
			assertThat(browser.driver.getPageSource()).doesNotContain("about:blank");
			assertNoSeriousViolations(browser, "error page for a project manager");
		}
	}

	/**
	 * What a feed wrote reaches the project manager as text: a Markdown link, an HTML image with a
	 * script and a right-to-left override in an endpoint list are shown as they are, in a read-only
	 * text area, and are neither a link nor an image nor reordered. The contract's end is confirmed
	 * seeing what the review recorded, read-only, with a note of its own.
	 */
	@Test
	@Tag("security")
	@Tag("e2e")
	void feedTextIsShownAsTextAndTheContractsEndIsConfirmedSeeingTheReview() {
		String hostile = "- [klik hier](https://evil.example/login): <img src=x onerror=alert(1)> (gemeld "
				+ "2026-01-05T08:00:00Z door urn:feed:[U+202E]evil)\n";
		String gap = startBefore("Task_ResolveProtectionGap",
				Map.of("protectionGapEndpoints", 1L, "gapEndpointsList", hostile));
		String confirm = startBefore("Task_ConfirmContractEnded", Map.of("runningContract", true, "contractEndDate",
				"2026-12-31", "contractRemarks", "Opzegging verstuurd; *niet* verlengen <b>vet</b>"));
		try (Browser browser = new Browser("nl")) {
			loginToTasklist(browser, "jan");

			browser.driver.get(url("/camunda/app/tasklist/default/#/?task=" + gap));
			WebElement list = browser.wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("textarea[id*='Field_gapEndpointsList']")));
			browser.wait.until(driver -> !list.getAttribute("value").isEmpty());
			assertThat(list.getAttribute("value")).isEqualTo(hostile);
			assertThat(list.getAttribute("readonly")).isNotNull();
			assertThat(browser.all("a[href*='evil.example'], img[src='x']")).isEmpty();
			browser.screenshot("tasklist-protection-gap-feed-text-nl");

			browser.driver.get(url("/camunda/app/tasklist/default/#/?task=" + confirm));
			browser.clickInWebapp(browser.wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("button.claim[ng-click='claim()']"))));
			WebElement endedOn = browser.wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("input[id*='Field_contractEndedOn']")));
			WebElement reviewed = browser.driver.findElement(By.cssSelector("input[id*='Field_contractEndDate']"));
			browser.wait.until(driver -> "31 december 2026".equals(reviewed.getAttribute("value")));
			assertThat(reviewed.getAttribute("readonly")).isNotNull();
			assertThat(browser.driver.findElement(By.cssSelector("textarea[id*='Field_contractRemarks']"))
				.getAttribute("value")).isEqualTo("Opzegging verstuurd; *niet* verlengen <b>vet</b>");
			assertThat(browser.driver.findElement(By.cssSelector("textarea[id*='Field_contractEndRemarks']"))
				.getAttribute("value")).as("the review's note is shown, not asked again").isEmpty();
			assertThat(browser.driver.getPageSource()).contains("Einddatum bij de contractbeoordeling",
					"Einde contract (dd-mm-jjjj)", "Opmerkingen bij de beëindiging");
			browser.typeInWebapp(endedOn, "31-02-2026");
			browser.driver.executeScript("arguments[0].blur()", endedOn);
			// Under load Tasklist sometimes loses the refusal's notification (the engine refused: its log says
			// so) when it re-renders the task; completing again must show it again
			boolean shown = false;
			for (int attempt = 0; attempt < 3 && !shown; attempt++) {
				browser.clickInWebapp(browser.driver.findElement(By.cssSelector("button[ng-click='complete()']")));
				try {
					new WebDriverWait(browser.driver, Duration.ofSeconds(10))
						.until(driver -> driver.getPageSource().contains("is geen bestaande datum"));
					shown = true;
				}
				catch (org.openqa.selenium.TimeoutException notShownYet) {
					// complete again
				}
			}
			assertThat(shown).as("Tasklist shows the engine's Dutch refusal of a day that does not exist").isTrue();
			browser.screenshot("tasklist-contract-ended-nl");
			assertThat(tasks.createTaskQuery().taskId(confirm).count()).isOne();
		}
	}

	/** A task of a process started just before it, for MIN-JENV's project managers; returns the task's id. */
	/** An organisation of its own for the forms, managed by jan through a group of its own. */
	private static final String FORMS_ORGANISATION = "MIN-JENV-FORMULIER";

	private String startBefore(String taskDefinitionKey, Map<String, Object> variables) {
		registerFormsOrganisation();
		Map<String, Object> all = new java.util.HashMap<>(variables);
		all.putAll(Map.of("campaignId", CAMPAIGN, "organisationId", FORMS_ORGANISATION));
		String instance = runtime.createProcessInstanceByKey("phaseout-organisation")
			.businessKey(FORMS_ORGANISATION)
			.setVariables(all)
			.startBeforeActivity(taskDefinitionKey)
			.execute()
			.getId();
		return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskDefinitionKey)
			.singleResult().getId();
	}

	/**
	 * The process acts for the organisation its tables name (the business key), so the forms' organisation
	 * is registered like any other; jan joins its project managers.
	 */
	private void registerFormsOrganisation() {
		String group = "pm-" + FORMS_ORGANISATION.toLowerCase(java.util.Locale.ROOT);
		if (identity.createGroupQuery().groupId(group).count() > 0) {
			return;
		}
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
		ResponseEntity<String> registered = http.withBasicAuth("demo", "demo")
			.postForEntity("/api/organisations", new org.springframework.http.HttpEntity<>(Map.of("id", FORMS_ORGANISATION,
					"name", "Ministerie van Justitie en Veiligheid (formulieren)", "category", "CENTRAL_GOVERNMENT"),
					headers), String.class);
		assertThat(registered.getStatusCode().value()).as(registered.getBody()).isEqualTo(201);
		identity.createMembership("jan", group);
	}

	private void loginToTasklist(Browser browser, String user) {
		browser.driver.get(url("/camunda/app/tasklist/default/"));
		browser.signInToWebapp(user, user);
		browser.wait.until(driver -> !browser.all(".tasks-list li.task").isEmpty());
	}

	@Test
	@Order(3)
	void theRecordReadsInTheOfficesOwnWords() {
		try (Browser browser = signedIn("nl")) {
			browser.driver.get(url("/office/organisations/MIN-JENV"));
			String page = browser.driver.findElement(By.id("main")).getText();
			assertThat(browser.driver.findElement(By.cssSelector("#record-facts [data-kind='APPLICABILITY'] dd")).getText())
				.isEqualTo("Verplicht (beslistabel phaseout-applicability, categorie Rijksoverheid)");
			WebElement review = browser.driver.findElement(By.cssSelector("#record-decisions tr[data-task='Task_ReviewContracts']"));
			assertThat(review.findElement(By.tagName("th")).getText()).isEqualTo("Lopende contracten beoordelen");
			assertThat(review.getText()).contains("Loopt er een contract: ja", "Opzegtermijn (dagen): 90",
					"Einddatum contract: 31 december 2026");
			assertThat(page).contains("projectleiders MIN-JENV", "Verplicht")
				.doesNotContain("pm-min-jenv", "runningContract", "MANDATORY", "CONTRACT_REVIEW", "true", "false",
						"decision table")
				.doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d");
			browser.fullScreenshot("office-organisation-nl");
			assertNoSeriousViolations(browser, "organisation page with its record");

			browser.driver.get(url("/office/organisations/MIN-JENV?lang=en"));
			assertThat(browser.driver.findElement(By.id("record-decisions")).getText()).contains("Contract running: yes");
			browser.fullScreenshot("office-organisation-en");
			assertNoSeriousViolations(browser, "organisation page in English");
		}
	}

	@Test
	@Order(4)
	void everyFigureLeadsToExactlyTheOrganisationsBehindIt() throws Exception {
		JsonNode all = api("/api/campaigns/" + CAMPAIGN + "/organisations?size=500").get("organisations");
		try (Browser browser = signedIn("nl")) {
			// Overdue organisations come first.
			List<String> order = ids(browser);
			List<String> overdueIds = rows(all, row -> row.get("overdue").asBoolean());
			assertThat(order.subList(0, overdueIds.size())).containsExactlyInAnyOrderElementsOf(overdueIds);
			assertThat(order).containsExactlyInAnyOrderElementsOf(rows(all, row -> true));

			Map<String, java.util.function.Predicate<JsonNode>> figures = new LinkedHashMap<>();
			figures.put("#figure-organisations", row -> true);
			figures.put("#figure-overdue", row -> row.get("overdue").asBoolean());
			figures.put("#figure-banned", row -> inScope(row) && row.at("/endpoints/banned").asLong() > 0);
			figures.put("#figure-unprotected", row -> inScope(row) && row.at("/endpoints/unprotected").asLong() > 0);
			figures.put("#figure-protected", row -> inScope(row) && row.at("/endpoints/protected").asLong() > 0);
			figures.put("#figure-total", row -> inScope(row) && row.at("/endpoints/total").asLong() > 0);
			for (String phase : List.of("APPLICABILITY", "DECISION", "INVENTORY", "CONTRACT_REVIEW", "ALTERNATIVE", "ROLLOUT",
					"VERIFICATION", "SIGN_OFF", "DECOMMISSION", "PHASED_OUT", "NOT_REQUIRED", "DECLINED")) {
				figures.put("#by-phase tr[data-phase='" + phase + "'] a", row -> row.get("phase").asText().equals(phase));
			}
			for (JsonNode row : all) {
				String category = row.get("category").asText();
				figures.put("#by-category tr[data-category='" + category + "'] td.number a",
						other -> other.get("category").asText().equals(category));
			}
			for (Map.Entry<String, java.util.function.Predicate<JsonNode>> figure : figures.entrySet()) {
				browser.driver.get(url("/office"));
				WebElement link = browser.driver.findElement(By.cssSelector(figure.getKey()));
				long shown = Long.parseLong(link.getText().replace(".", ""));
				link.click();
				browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table-summary")));
				List<String> expected = rows(all, figure.getValue());
				assertThat(ids(browser)).as(figure.getKey()).containsExactlyInAnyOrderElementsOf(expected);
				if (!figure.getKey().startsWith("#figure-") || figure.getKey().equals("#figure-organisations")
						|| figure.getKey().equals("#figure-overdue")) {
					assertThat(shown).as(figure.getKey()).isEqualTo(expected.size());
				}
			}
			// The endpoint figures are the sums over the organisations listed behind them.
			browser.driver.get(url("/office?endpoints=banned"));
			assertThat(figure(browser, "figure-banned")).isEqualTo(
					ids(browser).stream().mapToLong(id -> find(all, id).at("/endpoints/banned").asLong()).sum());
		}
	}

	@Test
	@Order(5)
	void errorsAreDutchPagesForBrowsersAndProblemDetailsForApiClients() throws Exception {
		try (Browser browser = signedIn("nl")) {
			Map<String, String> pages = Map.of("/office/organisations/NOPE", "Organisatie niet gevonden",
					"/office?campaign=nope", "Campagne niet gevonden", "/office?phase=LATE&overdue=maybe",
					"De filters kloppen niet");
			for (Map.Entry<String, String> page : pages.entrySet()) {
				browser.driver.get(url(page.getKey()));
				assertThat(browser.driver.findElement(By.tagName("h1")).getText()).as(page.getKey()).isEqualTo(page.getValue());
				assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
				assertThat(browser.all("#error-links a")).isNotEmpty();
				assertNoSeriousViolations(browser, "error page " + page.getKey());
			}
			browser.driver.get(url("/office?phase=LATE&overdue=maybe"));
			assertThat(browser.driver.findElement(By.id("error-problems")).getText())
				.contains("Fase: ‘LATE’", "Mijlpaal gemist: ‘maybe’")
				.doesNotContain("is not one of", "must be");
			browser.fullScreenshot("office-error-filters-nl");
			browser.driver.findElement(By.id("error-back")).click();
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("figure-organisations")));

			browser.driver.get(url("/office/organisations/NOPE?lang=en"));
			assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Organisation not found");
			assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
			assertNoSeriousViolations(browser, "error page in English");
			browser.driver.get(url("/office?sort=colour&lang=en"));
			assertThat(browser.driver.findElement(By.id("error-problems")).getText()).contains("Sort: ‘colour’");
			assertNoSeriousViolations(browser, "filter error page in English");
			browser.fullScreenshot("office-error-filters-en");
		}

		for (String path : List.of("/office/organisations/NOPE", "/office?campaign=nope", "/office?phase=LATE")) {
			ResponseEntity<String> html = office(path, "text/html,application/xhtml+xml,*/*;q=0.8");
			assertThat(html.getStatusCode().value()).as(path).isIn(400, 404);
			assertThat(html.getHeaders().getContentType().toString()).as(path).startsWith("text/html");
			assertThat(html.getBody()).as(path).contains("<h1").doesNotContain("about:blank");
			ResponseEntity<String> problem = office(path, "application/json");
			assertThat(problem.getStatusCode()).as(path).isEqualTo(html.getStatusCode());
			assertThat(problem.getHeaders().getContentType().toString()).as(path).startsWith("application/problem+json");
			assertThat(JSON.readTree(problem.getBody()).get("detail").asText()).as(path).isNotBlank();
		}
	}

	@Test
	@Order(6)
	void theCsvSpeaksThePagesLanguageAndTheApiKeepsEnglish() throws Exception {
		String path = "/api/campaigns/" + CAMPAIGN + "/organisations.csv";
		assertThat(firstLine(http.withBasicAuth("demo", "demo").getForObject(path, String.class)))
			.startsWith("id,name,category,applicability,phase");
		assertThat(firstLine(http.withBasicAuth("demo", "demo").getForObject(path + "?lang=nl", String.class)))
			.startsWith("id,naam,categorie,toepasselijkheid,fase");
		org.springframework.http.HttpHeaders dutch = new org.springframework.http.HttpHeaders();
		dutch.set("Accept-Language", "nl-NL,nl;q=0.9,en;q=0.8");
		assertThat(firstLine(http.withBasicAuth("demo", "demo")
			.exchange(path, org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(dutch),
					String.class)
			.getBody())).startsWith("id,naam");
		try (Browser browser = signedIn("nl")) {
			assertThat(firstLine(fetch(browser, browser.driver.findElement(By.id("csv-download")).getAttribute("href"))))
				.startsWith("id,naam,categorie");
			browser.driver.get(url("/office?lang=en"));
			assertThat(firstLine(fetch(browser, browser.driver.findElement(By.id("csv-download")).getAttribute("href"))))
				.startsWith("id,name,category");
			browser.driver.get(url("/office?lang=nl"));
		}
	}

	@Test
	@Order(7)
	void declinedAdviceIsShownApartAndNeverAsDone() throws Exception {
		try (Browser browser = signedIn("nl")) {
			// Still deciding on the advice: no deadline is missed yet.
			browser.driver.get(url("/office/organisations/TENNET"));
			assertThat(browser.all("#deadlines tr[data-status]")).isNotEmpty()
				.allSatisfy(row -> assertThat(row.getAttribute("data-status")).isEqualTo("pending"));
			assertThat(find(api("/api/campaigns/" + CAMPAIGN + "/organisations?size=500").get("organisations"), "TENNET")
				.get("overdue").asBoolean()).isFalse();

			String task = tasks.createTaskQuery().processInstanceBusinessKey("TENNET")
				.taskDefinitionKey("Task_DecideOnAdvice").singleResult().getId();
			tasks.complete(task, Map.of("phaseOut", false, "rationale", "Eigen risicoafweging"));
			await().atMost(Duration.ofSeconds(30)).until(() -> find(api("/api/campaigns/" + CAMPAIGN
					+ "/organisations?size=500").get("organisations"), "TENNET").get("phase").asText().equals("DECLINED"));

			browser.driver.get(url("/office"));
			WebElement vital = browser.driver.findElement(By.cssSelector("#by-category tr[data-category='VITAL_PROVIDER']"));
			assertThat(vital.getText()).contains("Geen die moeten of willen uitfaseren").doesNotContain("1 van 1");
			assertThat(browser.driver.findElement(By.cssSelector("#by-phase tr[data-phase='DECLINED'] a")).getText())
				.isEqualTo("1");
			assertThat(browser.driver.getPageSource()).doesNotContain("0 dagen");
			browser.fullScreenshot("office-dashboard-nl");
			assertNoSeriousViolations(browser, "dashboard after a declined advice");

			browser.driver.get(url("/office/organisations/TENNET"));
			assertThat(browser.all("#deadlines tr[data-status]"))
				.allSatisfy(row -> assertThat(row.getAttribute("data-status")).isEqualTo("notApplicable"));
			assertThat(browser.driver.findElement(By.id("organisation-phase")).getText()).isEqualTo("Advies niet gevolgd");
			assertThat(browser.driver.findElement(By.id("record-decisions")).getText()).contains("Advies gevolgd: nee");
			browser.fullScreenshot("office-organisation-declined-nl");

			browser.driver.get(url("/office/organisations/MIN-BZK"));
			assertThat(browser.driver.findElement(By.cssSelector("#deadlines tr[data-status='missed'] td:last-child"))
				.getText()).matches("Vandaag gemist|Gemist, 1 dag te laat");
			browser.fullScreenshot("office-organisation-overdue-nl");

			browser.driver.get(url("/office?lang=en"));
			assertThat(browser.driver.findElement(By.cssSelector("#by-category tr[data-category='VITAL_PROVIDER']"))
				.getText()).contains("None that must or chose to phase out");
			browser.fullScreenshot("office-dashboard-en");
			assertNoSeriousViolations(browser, "dashboard in English after a declined advice");
			browser.driver.get(url("/office?lang=nl"));
		}
	}

	@Test
	@Order(2)
	void theOfficeSeesTheFiguresFiltersOpensAnOrganisationAndDownloadsTheCsv() throws Exception {
		try (Browser browser = new Browser("nl")) {
			browser.driver.get(url("/office"));
			assertThat(browser.driver.getCurrentUrl()).contains("/office/login");
			browser.screenshot("office-login-nl");
			browser.driver.findElement(By.id("username")).sendKeys("demo");
			browser.driver.findElement(By.id("password")).sendKeys("demo");
			browser.driver.findElement(By.id("login-submit")).click();
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("figure-organisations")));
			assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");

			JsonNode progress = api("/api/campaigns/" + CAMPAIGN + "/progress");
			JsonNode overdue = api("/api/campaigns/" + CAMPAIGN + "/organisations?overdue=true&size=500");
			assertThat(figure(browser, "figure-organisations")).isEqualTo(progress.get("organisations").asLong());
			assertThat(figure(browser, "figure-banned")).isEqualTo(progress.at("/endpoints/banned").asLong());
			assertThat(figure(browser, "figure-overdue")).isEqualTo(overdue.get("total").asLong());
			progress.get("byPhase").fields().forEachRemaining(phase -> assertThat(Long.parseLong(browser.driver
				.findElement(By.cssSelector("#by-phase tr[data-phase='" + phase.getKey() + "'] td.number"))
				.getText()
				.replace(".", ""))).as(phase.getKey()).isEqualTo(phase.getValue().asLong()));
			browser.screenshot("office-first-dashboard-nl");
			assertNoSeriousViolations(browser, "dashboard");

			new Select(browser.driver.findElement(By.id("filter-overdue"))).selectByValue("true");
			browser.driver.findElement(By.id("filter-apply")).click();
			browser.wait.until(ExpectedConditions.urlContains("overdue=true"));
			List<String> shown = browser.all("#organisations tbody tr[data-id]").stream()
				.map(row -> row.getAttribute("data-id"))
				.toList();
			List<String> expected = overdue.get("organisations").findValuesAsText("id");
			assertThat(shown).containsExactlyInAnyOrderElementsOf(expected).doesNotContain("MIN-JENV");
			browser.screenshot("office-first-overdue-nl");

			String csvHref = browser.driver.findElement(By.id("csv-download")).getAttribute("href");
			String csv = fetch(browser, csvHref);
			assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,naam,categorie,toepasselijkheid,fase");
			assertThat(csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList())
				.containsExactlyInAnyOrderElementsOf(expected);

			browser.driver.findElement(By.cssSelector("#organisations tbody tr[data-id] a")).click();
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("organisation-id")));
			assertThat(expected).contains(browser.driver.findElement(By.id("organisation-id")).getText());
			assertThat(browser.all("#deadlines tr[data-status='missed']")).isNotEmpty();
			assertThat(browser.all("#cockpit-link")).hasSize(1);
			browser.screenshot("office-first-organisation-nl");
			assertNoSeriousViolations(browser, "organisation page");

			browser.driver.get(url("/office/organisations/MIN-JENV?lang=en"));
			assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
			assertThat(browser.driver.findElement(By.id("deadlines-heading")).getText()).isEqualTo("Milestones and deadlines");
			browser.screenshot("office-first-organisation-en");
			browser.driver.get(url("/office"));
			assertThat(browser.driver.findElement(By.tagName("h1")).getText()).startsWith("Progress");
			browser.screenshot("office-first-dashboard-en");
			assertNoSeriousViolations(browser, "dashboard in English");
		}
	}

	private Browser signedIn(String language) {
		Browser browser = new Browser(language);
		browser.driver.get(url("/office/login"));
		browser.driver.findElement(By.id("username")).sendKeys("demo");
		browser.driver.findElement(By.id("password")).sendKeys("demo");
		browser.driver.findElement(By.id("login-submit")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("figure-organisations")));
		return browser;
	}

	private static List<String> ids(Browser browser) {
		return browser.all("#organisations tbody tr[data-id]").stream().map(row -> row.getAttribute("data-id")).toList();
	}

	private static List<String> rows(JsonNode rows, java.util.function.Predicate<JsonNode> which) {
		List<String> ids = new java.util.ArrayList<>();
		rows.forEach(row -> {
			if (which.test(row)) {
				ids.add(row.get("id").asText());
			}
		});
		return ids;
	}

	private static JsonNode find(JsonNode rows, String id) {
		for (JsonNode row : rows) {
			if (row.get("id").asText().equals(id)) {
				return row;
			}
		}
		throw new AssertionError("no row " + id);
	}

	/** Whose endpoints count in the campaign's figures: mandatory, or advised and not declined. */
	private static boolean inScope(JsonNode row) {
		String applicability = row.path("applicability").asText();
		return applicability.equals("MANDATORY")
				|| applicability.equals("ADVISED") && !row.get("phase").asText().equals("DECLINED");
	}

	private ResponseEntity<String> office(String path, String accept) {
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		headers.set("Accept", accept);
		return http.withBasicAuth("demo", "demo")
			.exchange(path, org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(headers),
					String.class);
	}

	@Test
	@Order(8)
	void theOfficesCampaignPagesAreAccessible() {
		try (Browser browser = new Browser("nl")) {
			browser.driver.get(url("/office/campaigns"));
			browser.driver.findElement(By.id("username")).sendKeys("demo");
			browser.driver.findElement(By.id("password")).sendKeys("demo");
			browser.driver.findElement(By.id("login-submit")).click();
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaigns")));
			assertNoSeriousViolations(browser, "campaigns list");

			browser.driver.findElement(By.id("campaign-new")).click();
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-form")));
			assertNoSeriousViolations(browser, "campaign form");
			browser.driver.findElement(By.id("campaign-id")).sendKeys("Geen Kenmerk");
			browser.driver.findElement(By.id("campaign-name")).sendKeys("Windows 10");
			browser.driver.findElement(By.id("campaign-inventory")).sendKeys("volgende maand");
			browser.driver.findElement(By.id("campaign-submit")).click();
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-inventory-error")));
			assertThat(browser.driver.findElement(By.id("campaign-inventory-error")).getText())
				.startsWith("Vul een duur in");
			browser.screenshot("office-campaign-form-errors-nl");
			assertNoSeriousViolations(browser, "campaign form with errors");

			browser.driver.findElement(By.id("campaign-id")).clear();
			browser.driver.findElement(By.id("campaign-id")).sendKeys("windows-10-browser");
			browser.driver.findElement(By.id("campaign-inventory")).clear();
			browser.driver.findElement(By.id("campaign-inventory")).sendKeys("P30D");
			browser.driver.findElement(By.id("campaign-submit")).click();
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-facts")));
			assertThat(browser.driver.findElement(By.id("campaign-status")).getAttribute("data-status")).isEqualTo("DRAFT");
			browser.screenshot("office-campaign-nl");
			assertNoSeriousViolations(browser, "campaign page");

			browser.driver.get(url("/office/campaigns/windows-10-browser?lang=en"));
			browser.wait.until(driver -> driver.findElement(By.tagName("html")).getAttribute("lang").equals("en"));
			assertThat(browser.driver.findElement(By.id("campaign-facts")).getText()).contains("14 days (P14D)")
				.doesNotContain("dagen");
			browser.screenshot("office-campaign-en");
			assertNoSeriousViolations(browser, "campaign page in English");
		}
	}

	private static String firstLine(String text) {
		return text.lines().findFirst().orElse("");
	}

	private static long figure(Browser browser, String id) {
		return Long.parseLong(browser.driver.findElement(By.id(id)).getText().replace(".", "").replace(",", ""));
	}

	private static void assertNoSeriousViolations(Browser browser, String page) {
		Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
			.analyze(browser.driver);
		List<String> serious = results.getViolations()
			.stream()
			.filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.map(OfficeBrowserIT::describe)
			.toList();
		assertThat(serious).as("axe-core on the %s", page).isEmpty();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
	}

	/** Fetches a link with the browser's session, as the browser's download would. */
	private static String fetch(Browser browser, String href) throws Exception {
		Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", "JSESSIONID=" + session.getValue()).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		return response.body();
	}

	private JsonNode api(String path) throws Exception {
		return JSON.readTree(http.withBasicAuth("demo", "demo").getForObject(path, String.class));
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
