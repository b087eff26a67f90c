package nl.phaseout.engine.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import nl.phaseout.engine.Integration;
import nl.phaseout.engine.tags.EndToEnd;
import nl.phaseout.engine.tags.NeedsBrowser;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A project manager's whole journey in Tasklist, in Dutch, in headless Chromium against the whole
 * application (embedded Kafka broker, H2, the Camunda webapps): Sanne of TenneT TSO (advised)
 * decides to follow the advice, reviews the contract, chooses the alternative and, once the
 * inventory (published on the real broker, as Intune would) shows the rollout done and a clean
 * scan, signs off and confirms the contract's end. Every form shows words: no ISO-8601 timestamp,
 * no phase key, no URN. The office's missed-milestone form reads the same way. Then axe-core on
 * every page this project renders besides the dashboard and organisation pages
 * ({@link OfficeBrowserIT}): the login pages, the error pages, the mail page, the upload and
 * retire results. In a JVM of its own (failsafe forks one per class): its application context
 * has campaign settings of its own and the webapps need the engine named "default".
 */
@EndToEnd
@NeedsBrowser
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "phaseout.kafka.embedded.port=0", "phaseout.campaigns[0].id=kaspersky-av-2018",
				"phaseout.campaigns[0].name=Uitfasering Kaspersky-antivirus (2018)",
				"phaseout.campaigns[0].decision-date=2018-05-14", "phaseout.campaigns[0].vendors=kaspersky",
				"phaseout.campaigns[0].deadlines.inventory=PT20S" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasklistJourneyIT {

	/** What a form must not show: an ISO-8601 timestamp, a phase or other key in capitals, a URN. */
	private static final String ISO_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}";

	private static final String KEY = "\\b[A-Z]{2,}_[A-Z_]{2,}\\b";

	@LocalServerPort
	int port;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	RuntimeService runtime;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) throws Exception {
		Path dir = Files.createTempDirectory("phaseout-journey-");
		registry.add("phaseout.data-dir", dir::toString);
	}

	@BeforeAll
	void ministryWithoutInventoryMissesItsDeadline() {
		// MIN-BZK reports nothing: its inventory milestone is missed, and the office gets a task for it.
		await().atMost(Duration.ofSeconds(90))
			.until(() -> tasks.createTaskQuery().processInstanceBusinessKey("MIN-BZK")
				.taskDefinitionKey("Task_HandleMissedDeadline").count() == 1);
	}

	@Test
	@Order(1)
	void aProjectManagersWholeJourneyInTasklistReadsDutch() {
		try (Browser browser = new Browser("nl")) {
			loginToTasklist(browser, "sanne");
			List<String> filters = browser.all(".task-filter .name").stream()
				.map(WebElement::getText)
				.toList();
			assertThat(filters).anyMatch(name -> name.contains("Taken van mijn organisatie"))
				.noneMatch(name -> name.contains("Programmabureau"));
			browser.screenshot("journey-01-tasklist-nl");

			// 1. The advice: follow it.
			WebElement decision = openAndClaim(browser, "TENNET", "Task_DecideOnAdvice");
			assertThat(formText(browser)).contains("Advies tot uitfasering: TenneT TSO", "Besluit", "Verplicht");
			assertWords(browser, "decide on advice");
			browser.clickInWebapp(browser.driver.findElement(By.cssSelector("input[type='radio'][id*='Field_phaseOut']")));
			type(browser, "textarea[id*='Field_rationale']", "Wij volgen het advies van het kabinet.");
			browser.screenshot("journey-02-decide-on-advice-nl");
			complete(browser, decision);

			// The inventory, as Intune reports it: one endpoint still runs Kaspersky.
			Instant t0 = Instant.now().minusSeconds(900);
			try (Integration intune = new Integration(bootstrapServers, "/intune/rijksict")) {
				intune.observed("TENNET", "tn-1", t0, List.of(Integration.kasperskyAv("active")));
				intune.observed("TENNET", "tn-2", t0, List.of(Integration.defender("active")));
				intune.scanCompleted("TENNET", "tn-scan-1", t0.plusSeconds(60), 2);
			}

			// 2. The running contract.
			WebElement review = openAndClaim(browser, "TENNET", "Task_ReviewContracts");
			assertThat(formText(browser)).contains("Loopt er een contract met de leverancier?");
			browser.clickInWebapp(browser.driver.findElement(By.cssSelector("input[type='radio'][id*='Field_runningContract']")));
			browser.wait.until(driver -> formText(browser).contains("dd-mm-jjjj"));
			assertWords(browser, "review contracts");
			type(browser, "[id$='Field_noticePeriodDays']", "30");
			type(browser, "input[id*='Field_contractEndDate']", "31-12-2025");
			browser.screenshot("journey-03-review-contracts-nl");
			complete(browser, review);

			// 3. The alternative.
			WebElement choose = openAndClaim(browser, "TENNET", "Task_ChooseAlternative");
			assertWords(browser, "choose alternative");
			choose(browser, "Field_alternativeChoice", "Microsoft Defender for Endpoint");
			type(browser, "textarea[id*='Field_rationale']", "Al in gebruik op de helft van de werkplekken.");
			browser.screenshot("journey-04-choose-alternative-nl");
			complete(browser, choose);

			// The rollout: Kaspersky gone, Defender everywhere; then a scan that covers both endpoints.
			try (Integration intune = new Integration(bootstrapServers, "/intune/rijksict")) {
				intune.observed("TENNET", "tn-1", t0.plusSeconds(300), List.of(Integration.defender("active")));
				intune.observed("TENNET", "tn-2", t0.plusSeconds(300), List.of(Integration.defender("active")));
				intune.scanCompleted("TENNET", "tn-scan-2", t0.plusSeconds(400), 2);
			}

			// 4. The sign-off, on evidence shown in words.
			WebElement signOff = openAndClaim(browser, "TENNET", "Task_SignOffVerification");
			WebElement completedAt = browser.driver.findElement(By.cssSelector("input[id*='Field_evidenceScanCompletedAtTekst']"));
			browser.wait.until(driver -> !completedAt.getAttribute("value").isEmpty());
			assertThat(completedAt.getAttribute("value")).matches("\\d{1,2} [a-z]+ \\d{4} \\d{2}:\\d{2}");
			assertThat(browser.driver.findElement(By.cssSelector("input[id*='Field_evidenceScanSourceTekst']"))
				.getAttribute("value")).isEqualTo("bron /intune/rijksict");
			assertThat(browser.driver.findElement(By.cssSelector("textarea[id*='Field_evidenceEndpointsList']"))
				.getAttribute("value")).contains("tn-1", "gemeld op ", "door bron /intune/rijksict");
			assertWords(browser, "sign off verification");
			browser.clickInWebapp(browser.driver.findElement(By.cssSelector("input[type='radio'][id*='Field_signOff']")));
			type(browser, "textarea[id*='Field_signOffNote']", "Scan gecontroleerd.");
			browser.fullScreenshot("journey-05-sign-off-nl");
			assertNoSeriousViolations(browser, "the sign-off form", ".fjs-container");
			complete(browser, signOff);

			// 5. The contract's end, with the review's date shown as a date.
			WebElement confirm = openAndClaim(browser, "TENNET", "Task_ConfirmContractEnded");
			WebElement reviewed = browser.driver.findElement(By.cssSelector("input[id*='Field_contractEndDateTekst']"));
			browser.wait.until(driver -> "31 december 2025".equals(reviewed.getAttribute("value")));
			assertWords(browser, "confirm contract ended");
			type(browser, "input[id*='Field_contractEndedOn']", "31-12-2025");
			browser.screenshot("journey-06-confirm-contract-ended-nl");
			complete(browser, confirm);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> runtime.createProcessInstanceQuery().processInstanceBusinessKey("TENNET").count() == 0);
			assertThat(history.createHistoricActivityInstanceQuery().activityId("End_PhasedOut").list())
				.anySatisfy(end -> assertThat(history.createHistoricProcessInstanceQuery()
					.processInstanceId(end.getProcessInstanceId()).singleResult().getBusinessKey()).isEqualTo("TENNET"));
		}
	}

	@Test
	@Order(2)
	void theOfficesMissedMilestoneFormReadsDutch() {
		Task task = tasks.createTaskQuery().processInstanceBusinessKey("MIN-BZK")
			.taskDefinitionKey("Task_HandleMissedDeadline").singleResult();
		try (Browser browser = new Browser("nl")) {
			loginToTasklist(browser, "demo");
			browser.driver.get(url("/camunda/app/tasklist/default/#/?task=" + task.getId()));
			WebElement milestone = browser.wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("input[id*='Field_deadlineTekst']")));
			browser.wait.until(driver -> !milestone.getAttribute("value").isEmpty());
			assertThat(milestone.getAttribute("value")).isEqualTo("Inventarisatie");
			assertThat(value(browser, "Field_phaseTekst")).isEqualTo("Inventarisatie");
			assertThat(value(browser, "Field_milestonePhaseTekst")).isEqualTo("Contracten");
			assertThat(value(browser, "Field_pmGroupTekst"))
				.isEqualTo("Projectleiders van Ministerie van Binnenlandse Zaken en Koninkrijksrelaties");
			assertThat(value(browser, "Field_deadlineDueTekst")).matches("\\d{1,2} [a-z]+ \\d{4} \\d{2}:\\d{2}");
			assertThat(formText(browser)).contains("Gemiste mijlpaal (Inventarisatie)").doesNotContain("(inventory)");
			assertWords(browser, "handle missed deadline");
			browser.fullScreenshot("journey-07-office-missed-milestone-nl");
			assertNoSeriousViolations(browser, "the missed-milestone form", ".fjs-container");
		}
	}

	/**
	 * axe-core, WCAG 2.1 A and AA, nothing serious or critical, on the pages this project renders that
	 * {@link OfficeBrowserIT} does not look at: the login page, the mail page, the upload's answers
	 * (refused and accepted), the retire form and its answer, the error pages for 404 and 403, in
	 * Dutch and English. Camunda's own login page is looked at too, and what axe finds there is
	 * reported, not failed on: it is Camunda's.
	 */
	@Test
	@Order(3)
	void everyPageOfOursPassesAxe() {
		try (Browser browser = new Browser("nl")) {
			browser.driver.get(url("/camunda/app/tasklist/default/"));
			browser.wait.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
			// Camunda's page: what axe finds there is reported, not failed on (our user-styles.css fixes the footer)
			System.out.println("axe-core on Camunda's Tasklist login page: " + browser.seriousViolations());

			browser.driver.get(url("/office/login"));
			assertNoSeriousViolations(browser, "the office's login page");
			browser.driver.get(url("/office/login?lang=en"));
			assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
			assertNoSeriousViolations(browser, "the office's login page in English");
			browser.driver.get(url("/office/login?lang=nl"));
			browser.driver.findElement(By.id("username")).sendKeys("demo");
			browser.driver.findElement(By.id("password")).sendKeys("demo");
			browser.driver.findElement(By.id("login-submit")).click();
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("figure-organisations")));

			browser.driver.get(url("/office/mail"));
			assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isNotBlank();
			browser.fullScreenshot("a11y-01-mail-nl");
			assertNoSeriousViolations(browser, "the mail page");

			// The upload, refused: Dutch reasons on a Dutch page.
			browser.driver.get(url("/office/organisations/MIN-BZK"));
			upload(browser, "endpointId;vendor;name;version;category;state\nbzk-1;Kaspersky;Kaspersky Endpoint Security;11;"
					+ "antivirus;aan\n");
			WebElement refused = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refused-lines")));
			assertThat(refused.getText()).contains("state ‘aan’ is niet active, passive of disabled")
				.doesNotContain("is not one of");
			browser.fullScreenshot("a11y-02-upload-refused-nl");
			assertNoSeriousViolations(browser, "the upload's refusal");

			// Accepted: one endpoint still runs Kaspersky, so the organisation's page offers to retire it.
			upload(browser, "endpointId;vendor;name;version;category;state\nbzk-1;Kaspersky;Kaspersky Endpoint Security;11;"
					+ "antivirus;active\nbzk-2;Microsoft;Microsoft Defender Antivirus;4.18;antivirus;active\n");
			browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-accepted")));
			browser.fullScreenshot("a11y-03-upload-accepted-nl");
			assertNoSeriousViolations(browser, "the upload's acceptance");

			browser.wait.until(driver -> {
				driver.get(url("/office/organisations/MIN-BZK"));
				return !browser.all("details.retire summary").isEmpty();
			});
			browser.all("details.retire summary").get(0).click();
			browser.fullScreenshot("a11y-04-retire-open-nl");
			assertNoSeriousViolations(browser, "the organisation's page with the retire form open");
			browser.driver.findElement(By.cssSelector("details.retire textarea[name='reason']"))
				.sendKeys("Afgevoerd na waterschade");
			browser.driver.findElement(By.cssSelector("details.retire button[type='submit']")).click();
			WebElement retired = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".retire-result")));
			assertThat(retired.getText()).startsWith("Endpoint bzk-1 is uit gebruik gemeld");
			browser.fullScreenshot("a11y-05-retired-nl");
			assertNoSeriousViolations(browser, "the retire answer");

			browser.driver.get(url("/office/organisations/MIN-BZK?lang=en"));
			assertThat(browser.driver.getPageSource()).doesNotContain("Uit gebruik melden");
			assertNoSeriousViolations(browser, "the organisation's page in English");
			browser.driver.get(url("/office/organisations/TENNET?lang=en"));
			browser.fullScreenshot("a11y-06-organisation-record-en");
			assertNoSeriousViolations(browser, "a phased-out organisation's page and record in English");
			browser.driver.get(url("/office/organisations/TENNET?lang=nl"));
			browser.fullScreenshot("a11y-07-organisation-record-nl");
			assertNoSeriousViolations(browser, "a phased-out organisation's page and record");

			browser.driver.get(url("/office/no-such-page"));
			assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isNotBlank();
			browser.screenshot("a11y-08-not-found-nl");
			assertNoSeriousViolations(browser, "the 404 page");
			browser.driver.get(url("/office/no-such-page?lang=en"));
			assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
			assertNoSeriousViolations(browser, "the 404 page in English");
		}
		try (Browser browser = new Browser("nl")) {
			loginToTasklist(browser, "sanne");
			browser.driver.get(url("/office/mail"));
			assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isNotBlank();
			browser.screenshot("a11y-09-forbidden-nl");
			assertNoSeriousViolations(browser, "the 403 page");
			browser.driver.get(url("/camunda/app/cockpit/default/"));
			assertThat(browser.driver.findElement(By.id("error-message")).getText()).contains("Cockpit");
			assertNoSeriousViolations(browser, "the 403 page for Cockpit");
		}
	}

	/** Pastes the lines into the organisation page's upload form and sends it. */
	private static void upload(Browser browser, String csv) {
		WebElement lines = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("inventory-csv")));
		lines.clear();
		lines.sendKeys(csv);
		browser.driver.findElement(By.cssSelector("#inventory-upload-form button[type='submit']")).click();
	}

	private void loginToTasklist(Browser browser, String user) {
		browser.driver.get(url("/camunda/app/tasklist/default/"));
		browser.signInToWebapp(user, user);
		// signed in; a Tasklist left on its spinner (seen on a loaded 2-core machine) is reloaded, as a user would
		WebDriverWait patience = new WebDriverWait(browser.driver, Duration.ofSeconds(20));
		for (int attempt = 1;; attempt++) {
			try {
				patience.until(driver -> !browser.all(".task-filter .name").isEmpty());
				return;
			}
			catch (TimeoutException notShown) {
				browser.screenshot("journey-tasklist-not-shown-" + attempt);
				System.out.println("Tasklist showed no filters for " + user + " (attempt " + attempt + "):\n"
						+ browser.diagnosis());
				if (attempt == 3) {
					throw notShown;
				}
				browser.driver.navigate().refresh();
			}
		}
	}

	/** Waits for the organisation's task, opens it in Tasklist and claims it; returns the form's complete button. */
	private WebElement openAndClaim(Browser browser, String organisation, String taskDefinitionKey) {
		Task task = await().atMost(Duration.ofSeconds(60))
			.until(() -> tasks.createTaskQuery().processInstanceBusinessKey(organisation)
				.taskDefinitionKey(taskDefinitionKey).singleResult(), found -> found != null);
		WebElement claimOrUnclaim = openTask(browser, task.getId());
		if ("claim()".equals(claimOrUnclaim.getAttribute("ng-click"))) {
			browser.clickInWebapp(claimOrUnclaim);
		}
		browser.wait.until(driver -> tasks.createTaskQuery().taskId(task.getId()).taskAssignee("sanne").count() == 1);
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-container .fjs-form-field")));
		browser.wait.until(driver -> formText(browser).contains(taskIntro(taskDefinitionKey)));
		return browser.driver.findElement(By.cssSelector("button[ng-click='complete()']"));
	}

	/**
	 * Opens the task on a new page, not only a new hash: Tasklist, just after a completion, may still show the task
	 * before. On a loaded 2-core CI machine Tasklist once left the task pane empty (the task existed); a reload is
	 * what a user does then, so the test reloads up to three times before it fails.
	 */
	private WebElement openTask(Browser browser, String taskId) {
		By claimOrUnclaim = By.cssSelector("button.claim[ng-click='claim()'], button[ng-click='unclaim()']");
		WebDriverWait patience = new WebDriverWait(browser.driver, Duration.ofSeconds(20));
		for (int attempt = 1;; attempt++) {
			browser.driver.get(url("/camunda/app/tasklist/default/#/?task=" + taskId));
			browser.driver.navigate().refresh();
			try {
				return patience.until(ExpectedConditions.presenceOfElementLocated(claimOrUnclaim));
			}
			catch (TimeoutException notShown) {
				browser.screenshot("journey-task-not-shown-" + attempt);
				System.out.println("Tasklist did not show task " + taskId + " (attempt " + attempt + "):\n"
						+ browser.diagnosis());
				if (attempt == 3) {
					throw notShown;
				}
			}
		}
	}

	/** A word of each form's heading, to know the form has its data. */
	private static String taskIntro(String taskDefinitionKey) {
		return switch (taskDefinitionKey) {
			case "Task_DecideOnAdvice" -> "Advies tot uitfasering";
			case "Task_ReviewContracts" -> "Lopende contracten";
			case "Task_ChooseAlternative" -> "Alternatief kiezen";
			case "Task_SignOffVerification" -> "Verificatie aftekenen";
			case "Task_ConfirmContractEnded" -> "Contract beëindigd";
			default -> "";
		};
	}

	private void complete(Browser browser, WebElement button) {
		String taskId = (String) browser.driver.executeScript("return new URLSearchParams(location.hash.split('?')[1]).get('task')");
		browser.clickInWebapp(button);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() == 1);
	}

	private static void type(Browser browser, String css, String text) {
		WebElement field = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
		browser.typeInWebapp(field, text);
		browser.driver.executeScript("arguments[0].blur()", field);
	}

	/** Picks an option of a form-js select, which opens its list and takes a choice on mouse-down. */
	private static void choose(Browser browser, String fieldId, String label) {
		WebElement select = browser.driver.findElement(By.cssSelector("[id*='" + fieldId + "']"));
		browser.driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));"
				+ "arguments[0].focus(); arguments[0].click();", select);
		WebElement option = browser.wait.until(driver -> driver.findElements(By.cssSelector(".fjs-dropdownlist-item"))
			.stream()
			.filter(item -> item.getText().equals(label))
			.findFirst()
			.orElse(null));
		browser.driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true}))", option);
		browser.wait.until(driver -> formText(browser).contains(label));
	}

	private static String value(Browser browser, String fieldId) {
		return browser.driver.findElement(By.cssSelector("[id*='" + fieldId + "']")).getAttribute("value");
	}

	/** What the form shows: its text and the values of its fields. */
	private static String formText(Browser browser) {
		return (String) browser.driver.executeScript("""
				const form = document.querySelector('.fjs-container');
				if (!form) return '';
				const values = [...form.querySelectorAll('input, textarea')]
					.filter(field => field.type !== 'radio' && field.type !== 'checkbox')
					.map(field => field.value);
				const select = [...form.querySelectorAll('.fjs-select-display, .fjs-input')].map(e => e.innerText || '');
				return form.innerText + '\\n' + values.join('\\n') + '\\n' + select.join('\\n');
				""");
	}

	/** No ISO-8601 timestamp, no key in capitals, no URN in what the form shows. */
	private static void assertWords(Browser browser, String form) {
		assertThat(formText(browser)).as(form).isNotBlank()
			.doesNotContainPattern(ISO_TIMESTAMP)
			.doesNotContainPattern(KEY)
			.doesNotContain("urn:");
	}

	static void assertNoSeriousViolations(Browser browser, String page, String... include) {
		assertThat(browser.seriousViolations(include)).as("axe-core on %s", page).isEmpty();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
