package nl.phaseout.engine.security;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A 401 with a Basic challenge and a problem-details body that says what to send; or, after too
 * many failed logins from this client, a 429 that says how long to wait.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof LoginThrottledException throttled) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
			ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many failed logins for this user from your address; try again in "
							+ throttled.retryAfterSeconds() + " seconds.");
			return;
		}
		if (authException instanceof OAuth2AuthenticationException refused) {
			// RFC 6750: a token that was sent and refused; the reason is for the client's developer
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "The bearer token was refused ("
					+ Objects.requireNonNullElse(refused.getError().getDescription(), "not valid") + "): send a current token of the configured OpenID Connect "
					+ "provider for this application, or HTTP Basic credentials.");
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"phaseout-engine\"");
		ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
				"Authenticate with HTTP Basic as a user of Camunda's identity service (Camunda Admin manages them).");
	}

}
