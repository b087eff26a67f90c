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
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.tags.EndToEnd;
import nl.phaseout.engine.tags.NeedsBrowser;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
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
		await().atMost(Duration.ofSeconds(60)).until(() -> api("/api/campaigns/" + CAMPAIGN + "/organisations?overdue=true")
			.get("total").asLong() >= 2);
	}

	@Test
	void projectManagerCompletesTheContractReviewInTasklistInDutch() {
		try (Browser browser = new Browser("nl")) {
			browser.driver.get(url("/camunda/app/tasklist/default/"));
			WebElement user = browser.wait.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
			assertThat(user.getAttribute("placeholder")).isEqualTo("Gebruikersnaam");
			browser.screenshot("tasklist-login-nl");
			browser.typeInWebapp(user, "jan");
			browser.typeInWebapp(browser.driver.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']")),
					"jan");
			browser.clickInWebapp(browser.driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")));

			// Only the organisation's own tasks, and no office filter.
			browser.wait.until(driver -> !browser.all(".tasks-list li.task").isEmpty());
			assertThat(browser.all(".filters .item, [cam-tasklist-filters] li").stream().map(WebElement::getText).toList())
				.noneMatch(name -> name.contains("Programme office"));
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
			browser.typeInWebapp(date, "12/31/2026");
			browser.driver.executeScript("arguments[0].blur()", date);
			browser.clickInWebapp(browser.driver.findElement(By.cssSelector("[id$='Field_terminationRequested']")));
			browser.screenshot("tasklist-review-contracts-nl");
			browser.clickInWebapp(browser.driver.findElement(By.cssSelector("button[ng-click='complete()']")));

			await().atMost(Duration.ofSeconds(30))
				.until(() -> history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() == 1);
			String processInstanceId = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult()
				.getProcessInstanceId();
			assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
				.variableName("noticePeriodDays").singleResult().getValue()).isIn(90L, 90, 90.0);
			assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
				.variableName("runningContract").singleResult().getValue()).isEqualTo(true);
			browser.screenshot("tasklist-completed-nl");

			// The same session serves /office: no second login; Cockpit is not for a project manager.
			browser.driver.get(url("/office"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/office");
			assertThat(browser.all("#organisations tbody tr[data-id]")).extracting(row -> row.getAttribute("data-id"))
				.containsExactly("MIN-JENV");
			browser.driver.get(url("/camunda/app/cockpit/default/"));
			assertThat(browser.driver.findElement(By.id("error-message")).getText()).contains("Cockpit");
			browser.screenshot("cockpit-refused-nl");
		}
	}

	@Test
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
			browser.screenshot("office-dashboard-nl");
			assertNoSeriousViolations(browser, "dashboard");

			new Select(browser.driver.findElement(By.id("filter-overdue"))).selectByValue("true");
			browser.driver.findElement(By.id("filter-apply")).click();
			browser.wait.until(ExpectedConditions.urlContains("overdue=true"));
			List<String> shown = browser.all("#organisations tbody tr[data-id]").stream()
				.map(row -> row.getAttribute("data-id"))
				.toList();
			List<String> expected = overdue.get("organisations").findValuesAsText("id");
			assertThat(shown).containsExactlyInAnyOrderElementsOf(expected).doesNotContain("MIN-JENV");
			browser.screenshot("office-overdue-nl");

			String csvHref = browser.driver.findElement(By.id("csv-download")).getAttribute("href");
			String csv = fetch(browser, csvHref);
			assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,name,category,applicability,phase");
			assertThat(csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList())
				.containsExactlyInAnyOrderElementsOf(expected);

			browser.driver.findElement(By.cssSelector("#organisations tbody tr[data-id] a")).click();
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("organisation-id")));
			assertThat(expected).contains(browser.driver.findElement(By.id("organisation-id")).getText());
			assertThat(browser.all("#deadlines tr[data-status='missed']")).isNotEmpty();
			assertThat(browser.all("#cockpit-link")).hasSize(1);
			browser.screenshot("office-organisation-nl");
			assertNoSeriousViolations(browser, "organisation page");

			browser.driver.get(url("/office/organisations/MIN-JENV?lang=en"));
			assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
			assertThat(browser.driver.findElement(By.id("deadlines-heading")).getText()).isEqualTo("Milestones and deadlines");
			browser.screenshot("office-organisation-en");
			browser.driver.get(url("/office"));
			assertThat(browser.driver.findElement(By.tagName("h1")).getText()).startsWith("Progress");
			browser.screenshot("office-dashboard-en");
			assertNoSeriousViolations(browser, "dashboard in English");
		}
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
