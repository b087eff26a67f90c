package nl.phaseout.engine.security;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Nothing is anonymous but the webapps' login page: the Camunda webapps under
 * {@code /camunda} guard themselves with their own login and CSRF protection; everything
 * else (the project's API and its description at {@code /v3/api-docs}, Camunda REST, actuator)
 * needs HTTP Basic credentials, or, for the project's API called from a browser page, the
 * webapps' session (see {@link WebappSession}), or a bearer token of the OpenID Connect provider when
 * one is configured ({@link BearerTokens}).
 * Failed logins of either kind throttle the client ({@link LoginThrottle}); unsafe requests from
 * other sites' pages are refused ({@link CrossSiteRequestFilter}); bodies are read up to a limit
 * ({@link UploadLimitFilter}); what Camunda does not authorize itself is for administrators.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

	static final String OFFICE = "phaseout-office";

	static final String ADMIN = "camunda-admin";

	/**
	 * Parts of Camunda REST that Camunda does not authorize (jobs without a process definition,
	 * such as the history cleanup's; the schema log, metrics, telemetry) or that check any user's
	 * password ({@code identity/verify}): for administrators only, also under {@code /engine/{name}},
	 * and the same under the webapps' engine API ({@code /camunda/api/engine/engine/{name}/}).
	 */
	private static final String[] ADMINISTRATION = { "job/**", "job-definition/**", "history/cleanup/**",
			"history/job-log/**", "schema/log/**", "metrics/**", "telemetry/**", "identity/verify" };

	/** The webapps' engine API (Cockpit's, Tasklist's, Admin's), a REST API like /engine-rest. */
	static final String WEBAPP_ENGINE = "/camunda/api/engine/";

	private static final RequestMatcher ADMINISTRATION_PATHS = administrationPaths();

	/** Before every other filter, Spring Security's too: {@link EncodedPathFilter}. */
	@Bean
	FilterRegistrationBean<EncodedPathFilter> encodedPathFilter() {
		FilterRegistrationBean<EncodedPathFilter> registration = new FilterRegistrationBean<>(new EncodedPathFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	@Order(1)
	SecurityFilterChain webappsFilterChain(HttpSecurity http, LoginThrottle throttle,
			ObjectProvider<ClientRegistrationRepository> registrations) throws Exception {
		if (OidcLogin.configured(registrations)) {
			http.addFilterBefore(new WebappSignInRedirect(), AuthorizationFilter.class);
		}
		// Matched on the whole path: the webapps' APIs are a servlet of their own under /camunda/api.
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return http
			.securityMatcher(new OrRequestMatcher(paths.matcher("/camunda/**"), paths.matcher("/"),
					paths.matcher("/favicon.ico")))
			.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				// The webapps authorize the rest themselves, but not these: the same rule as /engine-rest's.
				.requestMatchers(ADMINISTRATION_PATHS)
				.hasAuthority(ADMIN)
				.anyRequest()
				.permitAll())
			// Who is signed in to the webapps, for the rule above; the webapps keep their own session.
			.securityContext(context -> context.securityContextRepository(new WebappSession(WEBAPP_ENGINE)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new Http403ForbiddenEntryPoint())
				.accessDeniedHandler(new ProblemAccessDeniedHandler()))
			// The webapps' own CSRF filter (Camunda's CsrfPreventionFilter) stays on for /camunda/api.
			.csrf(csrf -> csrf.disable())
			.addFilterBefore(new WebappLoginThrottleFilter(throttle), AuthorizationFilter.class)
			.addFilterAfter(new EngineRefusalFilter(), AuthorizationFilter.class)
			.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiFilterChain(HttpSecurity http, IdentityService identityService, SecuritySettings settings,
			Environment environment) throws Exception {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
		BearerTokens.acceptIfConfigured(http, environment, settings, entryPoint);
		return http
			.authorizeHttpRequests(requests -> requests
				// An error page reports what went wrong with a request that was already checked.
				.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(ADMINISTRATION_PATHS)
				.hasAuthority(ADMIN)
				.requestMatchers(HttpMethod.POST, "/api/organisations", "/api/organisations/import")
				.hasAnyAuthority(OFFICE, ADMIN)
				.requestMatchers(HttpMethod.PUT, "/api/organisations/*/sources")
				.hasAnyAuthority(OFFICE, ADMIN)
				// what a campaign is (its decision, deadlines, whether exemptions may be asked) is public
				// policy that project managers need; its progress, reports and changes are the office's
				.requestMatchers(HttpMethod.GET, "/api/campaigns", "/api/campaigns/*")
				.authenticated()
				.requestMatchers("/api/campaigns/**")
				.hasAnyAuthority(OFFICE, ADMIN)
				.requestMatchers("/actuator/health", "/actuator/health/**")
				.authenticated()
				.requestMatchers("/actuator/**")
				.hasAnyAuthority(OFFICE, ADMIN)
				.anyRequest()
				.authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(new ProblemAccessDeniedHandler()))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// A browser signed in to the webapps or /office calls the API with that session (Swagger UI
			// reads the API's description with it too)...
			.securityContext(
					context -> context.securityContextRepository(new WebappSession("/api/", "/v3/api-docs")))
			// ...and a session rides along on forged requests too: those need the CSRF token of the page.
			// Basic authentication carries no cookie, but browsers resend cached Basic credentials:
			// the cross-site filter refuses those (a token would break every machine client).
			.csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::unsafeWithSession))
			.addFilterBefore(new CrossSiteRequestFilter(settings.allowedOrigins()), BasicAuthenticationFilter.class)
			.addFilterBefore(new UploadLimitFilter(settings.maxUploadSize().toBytes()), BasicAuthenticationFilter.class)
			.addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
			.addFilterAfter(new EngineRefusalFilter(), AuthorizationFilter.class)
			.build();
	}

	private static boolean unsafeWithSession(HttpServletRequest request) {
		return !List.of("GET", "HEAD", "OPTIONS", "TRACE").contains(request.getMethod())
				&& request.getHeader(HttpHeaders.AUTHORIZATION) == null && WebappSession.signedIn(request) != null;
	}

	static boolean isAdministration(HttpServletRequest request) {
		return ADMINISTRATION_PATHS.matches(request);
	}

	private static RequestMatcher administrationPaths() {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		RequestMatcher[] matchers = new RequestMatcher[ADMINISTRATION.length * 3];
		for (int i = 0; i < ADMINISTRATION.length; i++) {
			matchers[3 * i] = paths.matcher("/engine-rest/" + ADMINISTRATION[i]);
			matchers[3 * i + 1] = paths.matcher("/engine-rest/engine/*/" + ADMINISTRATION[i]);
			matchers[3 * i + 2] = paths.matcher(WEBAPP_ENGINE + "engine/*/" + ADMINISTRATION[i]);
		}
		return new OrRequestMatcher(matchers);
	}

}
