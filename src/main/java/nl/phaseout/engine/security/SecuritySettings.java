package nl.phaseout.engine.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The web security settings, under {@code phaseout.security}.
 *
 * @param maxUploadSize the largest request body {@code /api} and {@code /engine-rest} read (a
 * CSV import, a deployment); larger ones are answered 413
 * @param allowedOrigins browser origins besides the application's own that may send unsafe
 * requests (for example {@code https://phaseout.example.org} when a proxy in front rewrites the
 * host); none by default
 * @param loginThrottle how failed logins slow down the client that makes them
 */
@ConfigurationProperties("phaseout.security")
record SecuritySettings(@DefaultValue("10MB") DataSize maxUploadSize, List<String> allowedOrigins,
		@DefaultValue LoginThrottleSettings loginThrottle) {

	SecuritySettings {
		allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
	}

	/**
	 * Per client address and user name: the first {@code freeAttempts} failures cost nothing (a
	 * typo), each further one blocks that pair for {@code firstDelay}, doubling up to
	 * {@code maxDelay}. A success clears the count; so does {@code forgetAfter} without failures.
	 */
	record LoginThrottleSettings(@DefaultValue("5") int freeAttempts, @DefaultValue("1s") Duration firstDelay,
			@DefaultValue("5m") Duration maxDelay, @DefaultValue("15m") Duration forgetAfter) {
	}

}
