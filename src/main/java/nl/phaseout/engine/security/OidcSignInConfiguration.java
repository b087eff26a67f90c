package nl.phaseout.engine.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * Sign-in with OpenID Connect, when a client registration {@code phaseout} is configured
 * ({@code spring.security.oauth2.client.registration.phaseout.*}, its provider by issuer URI): the
 * authorization code flow at {@code /oauth2/authorization/phaseout} and its callback at
 * {@code /login/oauth2/code/phaseout}. The callback signs the user in to the Camunda webapps'
 * session with the groups of the ID token, as the office's login form does with Camunda's
 * identity service ({@link WebappSession}): Tasklist, Cockpit, Admin, {@code /office} and a
 * browser's calls to {@code /api} then share it. The office's and the webapps' pages send a user
 * who is not signed in here ({@link OidcLogin}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.security.oauth2.client.registration." + OidcLogin.REGISTRATION,
		name = "client-id")
class OidcSignInConfiguration {

	private static final Logger log = LoggerFactory.getLogger(OidcSignInConfiguration.class);

	@Bean
	@Order(1)
	SecurityFilterChain oidcSignInFilterChain(HttpSecurity http, ProcessEngine engine, SecuritySettings settings)
			throws Exception {
		RequestCache requests = new HttpSessionRequestCache();
		return http.securityMatcher("/oauth2/authorization/**", "/login/oauth2/code/**")
			.authorizeHttpRequests(access -> access.anyRequest().permitAll())
			// The webapps' session is the only one that keeps who is signed in.
			.securityContext(context -> context.securityContextRepository(new WebappSession()))
			.requestCache(cache -> cache.requestCache(requests))
			.oauth2Login(login -> login.successHandler(signInToTheWebapps(engine, new OidcClaims(settings.oidc()), requests))
				.failureUrl(OfficeSecurityConfiguration.LOGIN + "?error"))
			.build();
	}

	/**
	 * After the provider's callback: the webapps' session (a new one, against fixation) with the ID
	 * token's user and groups, then back to the page the user asked for.
	 */
	private static AuthenticationSuccessHandler signInToTheWebapps(ProcessEngine engine, OidcClaims claims,
			RequestCache requests) {
		return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
			SavedRequest saved = requests.getRequest(request, response);
			OidcUser user = (OidcUser) authentication.getPrincipal();
			String userId = claims.userId(user.getClaims());
			List<String> groups = claims.groups(user.getClaims());
			WebappSession.signIn(request, engine, userId, groups);
			log.info("{} signed in with OpenID Connect, groups {}", userId, groups);
			response.sendRedirect(saved == null ? request.getContextPath() + "/office" : saved.getRedirectUrl());
		};
	}

}
