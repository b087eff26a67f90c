package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Threat: any stranger locks any account for good (the administrator's too) by failing to log in
 * ten times, spaced by Camunda's delay. Failed logins now slow down only the client making them
 * (per address and user, for a limited time, the test context's first delay being 30 s), and
 * Camunda's own permanent lock is off.
 */
@Tag("security")
@Tag("e2e")
class LockoutTest extends SecurityTest {

	private static final String ENGINE = "/engine-rest/engine";

	/** The application's default of free attempts. */
	private static final int FREE_ATTEMPTS = 5;

	@Test
	void failedBasicLoginsThrottleTheClientButNotTheUserElsewhere() {
		String victim = user();
		TestRestTemplate guesser = http.withBasicAuth(victim, "wrong-guess-of-a-passphrase");
		for (int i = 0; i <= FREE_ATTEMPTS; i++) {
			assertThat(guesser.getForEntity(ENGINE, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		ResponseEntity<String> throttled = as(victim).getForEntity(ENGINE, String.class);
		assertThat(throttled.getStatusCode()).as("even the right password waits here")
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(Long.parseLong(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 30L);
		assertProblem(throttled);

		assertThat(FromAddress.get("127.0.0.2", port, ENGINE, victim, PASSWORD)).as("the user from another address")
			.isEqualTo(200);
	}

	@Test
	void camundaNeverLocksAUserOutForGood() {
		String victim = user();
		// A stranger guessing from many addresses gets past any one address's throttle: Camunda sees every guess.
		for (int i = 0; i < 25; i++) {
			assertThat(identityService.checkPassword(victim, "guess-number-" + i)).isFalse();
		}

		assertThat(identityService.checkPassword(victim, PASSWORD)).isTrue();
		assertThat(as(victim).getForEntity(ENGINE, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void theWebappsLoginIsThrottledToo() {
		String victim = user(OFFICE);
		assertThat(login(victim, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
		for (int i = 0; i <= FREE_ATTEMPTS; i++) {
			assertThat(login(victim, "wrong-guess-" + i).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		ResponseEntity<String> throttled = login(victim, PASSWORD);

		assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(FromAddress.get("127.0.0.2", port, ENGINE, victim, PASSWORD)).as("Basic from elsewhere")
			.isEqualTo(200);
	}

	/** As the login page does: a session and its CSRF token from the app's page, then the form. */
	private ResponseEntity<String> login(String user, String password) {
		ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
		StringBuilder cookies = new StringBuilder();
		String token = null;
		for (String cookie : page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
			String pair = cookie.split(";", 2)[0];
			cookies.append(pair).append("; ");
			if (pair.startsWith("XSRF-TOKEN=")) {
				token = pair.substring("XSRF-TOKEN=".length());
			}
		}
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, cookies.toString());
		headers.add("X-XSRF-TOKEN", token);
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", user);
		form.add("password", password);
		return http.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist", new HttpEntity<>(form, headers),
				String.class);
	}

}
