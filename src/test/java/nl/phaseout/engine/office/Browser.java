package nl.phaseout.engine.office;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its chromedriver, with the flags a closed network needs and
 * a fresh profile; the browser's language is chosen per instance.
 */
final class Browser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	final ChromeDriver driver;

	final WebDriverWait wait;

	Browser(String language) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		try {
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--window-size=1400,1100", "--lang=" + language,
					"--user-data-dir=" + Files.createTempDirectory("phaseout-chromium-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
			.build();
		this.driver = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
	}

	/**
	 * Types into a field of the Camunda webapps. Their pages swallow the key events chromedriver
	 * synthesises, so the text arrives as input, the way an input method delivers it.
	 */
	void typeInWebapp(WebElement field, String text) {
		for (int attempt = 1; attempt <= 3; attempt++) {
			// what the field holds is selected, so the text replaces it
			driver.executeScript("arguments[0].focus(); if (arguments[0].select) { arguments[0].select(); }", field);
			driver.executeCdpCommand("Input.insertText", Map.of("text", text));
			if (text.equals(field.getDomProperty("value"))) {
				return;
			}
			// the page moved the focus between the two (the webapps' login focuses its user name field late)
		}
	}

	/**
	 * Fills in a Camunda webapp's sign-in form and sends it, once both fields hold what was typed: the
	 * login page focuses its user name field late, and text typed meanwhile lands there.
	 */
	void signInToWebapp(String user, String password) {
		WebElement name = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
		WebElement secret = driver.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']"));
		for (int attempt = 1; attempt <= 3; attempt++) {
			typeInWebapp(name, user);
			typeInWebapp(secret, password);
			if (user.equals(name.getDomProperty("value")) && password.equals(secret.getDomProperty("value"))) {
				break;
			}
		}
		clickInWebapp(driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")));
	}

	/** Clicks in the Camunda webapps, which, like keys, ignore chromedriver's synthesised mouse events. */
	void clickInWebapp(WebElement element) {
		driver.executeScript("arguments[0].click()", element);
	}

	void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The whole page, not only the window: the window grows to the page's height for the picture. */
	void fullScreenshot(String name) {
		org.openqa.selenium.Dimension before = driver.manage().window().getSize();
		Number height = (Number) driver.executeScript(
				"return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
		driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(),
				Math.min(8000, height.intValue() + 150)));
		try {
			screenshot(name);
		}
		finally {
			driver.manage().window().setSize(before);
		}
	}

	/**
	 * What axe-core finds against WCAG 2.1 A and AA that it rates serious or critical, on the page or,
	 * given selectors, in those parts of it only (a form of ours inside Camunda's Tasklist).
	 */
	List<String> seriousViolations(String... include) {
		AxeBuilder axe = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"));
		if (include.length > 0) {
			axe.include(include);
		}
		Results results = axe.analyze(driver);
		return results.getViolations()
			.stream()
			.filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
					+ rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList())
			.toList();
	}

	/**
	 * What the page can say about why it did not show what a test waited for: its console and the requests it made
	 * that took longest or have not finished loading (a stuck Tasklist shows only its spinner).
	 */
	String diagnosis() {
		StringBuilder text = new StringBuilder("URL ").append(driver.getCurrentUrl()).append('\n');
		try {
			driver.manage().logs().get(LogType.BROWSER).forEach(entry -> text.append("console ")
				.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
			text.append(driver.executeScript("return performance.getEntriesByType('resource')"
					+ ".sort((a, b) => b.duration - a.duration).slice(0, 8)"
					+ ".map(e => Math.round(e.duration) + ' ms ' + e.name).join('\\n')"));
		}
		catch (RuntimeException ex) {
			text.append("(no more: ").append(ex).append(')');
		}
		return text.toString();
	}

	List<WebElement> all(String css) {
		return driver.findElements(By.cssSelector(css));
	}

	@Override
	public void close() {
		driver.quit();
	}

}
