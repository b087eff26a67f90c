package nl.phaseout.engine.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins of this user from this client: refused without looking at the password. */
class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed logins");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return retryAfter;
	}

	/** Whole seconds, rounded up, for a {@code Retry-After} header. */
	long retryAfterSeconds() {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

}
