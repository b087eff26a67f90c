package nl.phaseout.engine.security;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Nothing is anonymous but the webapps' login page: the Camunda webapps under
 * {@code /camunda} guard themselves with their own login and CSRF protection; everything
 * else (the project's API, Camunda REST, actuator) needs HTTP Basic credentials, or, for
 * the project's API called from a browser page, the webapps' session (see {@link WebappSession}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

	static final String OFFICE = "phaseout-office";

	static final String ADMIN = "camunda-admin";

	@Bean
	@Order(1)
	SecurityFilterChain webappsFilterChain(HttpSecurity http) throws Exception {
		// Matched on the whole path: the webapps' APIs are a servlet of their own under /camunda/api.
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return http
			.securityMatcher(new OrRequestMatcher(paths.matcher("/camunda/**"), paths.matcher("/"),
					paths.matcher("/favicon.ico")))
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiFilterChain(HttpSecurity http, IdentityService identityService) throws Exception {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
		return http
			.authorizeHttpRequests(requests -> requests
				// An error page reports what went wrong with a request that was already checked.
				.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/organisations", "/api/organisations/import")
				.hasAnyAuthority(OFFICE, ADMIN)
				.requestMatchers("/actuator/health", "/actuator/health/**")
				.authenticated()
				.requestMatchers("/actuator/**")
				.hasAnyAuthority(OFFICE, ADMIN)
				.anyRequest()
				.authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// A browser signed in to the webapps or /office calls the API with that session...
			.securityContext(context -> context.securityContextRepository(new WebappSession("/api/")))
			// ...and a session rides along on forged requests too: those need the CSRF token of the page.
			// Stateless Basic authentication carries no cookie a forged request could ride on.
			.csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::unsafeWithSession))
			.addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
			.build();
	}

	private static boolean unsafeWithSession(HttpServletRequest request) {
		return !List.of("GET", "HEAD", "OPTIONS", "TRACE").contains(request.getMethod())
				&& request.getHeader(HttpHeaders.AUTHORIZATION) == null && WebappSession.signedIn(request) != null;
	}

}
