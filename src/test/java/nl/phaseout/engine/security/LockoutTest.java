package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

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

	private ResponseEntity<String> login(String user, String password) {
		return WebappLogin.attempt(http, user, password);
	}

}
