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
 * @param oidc how users who sign in with OpenID Connect, or bring its bearer tokens, are read
 */
@ConfigurationProperties("phaseout.security")
record SecuritySettings(@DefaultValue("10MB") DataSize maxUploadSize, List<String> allowedOrigins,
		@DefaultValue LoginThrottleSettings loginThrottle, @DefaultValue OidcSettings oidc) {

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

	/**
	 * Sign-in with OpenID Connect, on only with a client registration {@code phaseout} or a resource
	 * server issuer ({@code spring.security.oauth2.*}); these say how its tokens are read.
	 *
	 * @param groupsClaim the claim that lists the user's groups: Camunda group ids
	 * ({@code phaseout-office}, {@code camunda-admin}, {@code pm-<organisation>})
	 * @param userNameClaim the claim that is the user's id in the engine (assignee, who decided);
	 * {@code sub} when a token has no such claim
	 * @param audience the audience a bearer token must be for; by default the client id of the
	 * registration {@code phaseout}
	 */
	record OidcSettings(@DefaultValue("groups") String groupsClaim,
			@DefaultValue("preferred_username") String userNameClaim, String audience) {
	}

}
