package nl.phaseout.engine.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The programme office's pages: a form login of their own (Dutch and English) that signs the
 * user in to the Camunda webapps too, and the webapps' session accepted in return (see
 * {@link WebappSession}). Session-based, so CSRF protection is on; HTTP Basic also works, for
 * machines (the benchmark, scripts). Swagger UI, the API's description to try out, is the office's
 * too, behind the same login. With sign-in by OpenID Connect a browser goes to the provider instead
 * ({@link OidcSignInConfiguration}); the form stays, for the users of Camunda's identity service.
 */
@Configuration(proxyBeanMethods = false)
class OfficeSecurityConfiguration {

	static final String LOGIN = "/office/login";

	@Bean
	@Order(1)
	SecurityFilterChain officeFilterChain(HttpSecurity http, ProcessEngine engine,
			ObjectProvider<ClientRegistrationRepository> registrations) throws Exception {
		AuthenticationEntryPoint loginPage = OidcLogin.loginPage(registrations);
		RequestCache requests = new HttpSessionRequestCache();
		return http.securityMatcher("/office", "/office/**")
			.authorizeHttpRequests(access -> access.requestMatchers(LOGIN, "/office/assets/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.securityContext(context -> context.securityContextRepository(new WebappSession("/office")))
			.requestCache(cache -> cache.requestCache(requests))
			.formLogin(form -> form.loginPage(LOGIN)
				.successHandler(signInToTheWebapps(engine, requests))
				.failureUrl(LOGIN + "?error"))
			.logout(logout -> logout.logoutUrl("/office/logout").logoutSuccessUrl(LOGIN + "?logout"))
			.httpBasic(basic -> basic.authenticationEntryPoint(loginPage))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(loginPage))
			.build();
	}

	/**
	 * Swagger UI for the programme office and administrators; others are refused (403), and a
	 * browser not signed in goes to the office's login, then back. The description it shows,
	 * {@code /v3/api-docs}, is for every user (see {@link SecurityConfiguration}).
	 */
	@Bean
	@Order(1)
	SecurityFilterChain swaggerUiFilterChain(HttpSecurity http,
			ObjectProvider<ClientRegistrationRepository> registrations) throws Exception {
		AuthenticationEntryPoint loginPage = OidcLogin.loginPage(registrations);
		return http.securityMatcher("/swagger-ui.html", "/swagger-ui/**")
			.authorizeHttpRequests(access -> access.anyRequest()
				.hasAnyAuthority(SecurityConfiguration.OFFICE, SecurityConfiguration.ADMIN))
			.securityContext(context -> context.securityContextRepository(new WebappSession("/swagger-ui")))
			.httpBasic(basic -> basic.authenticationEntryPoint(loginPage))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(loginPage)
				.accessDeniedHandler(new ProblemAccessDeniedHandler()))
			.build();
	}

	/**
	 * After the office's login form: the webapps' session (a new one), then back to the page the
	 * user asked for, which the old session remembered.
	 */
	private static AuthenticationSuccessHandler signInToTheWebapps(ProcessEngine engine, RequestCache requests) {
		return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
			SavedRequest saved = requests.getRequest(request, response);
			if (!WebappSession.signIn(request, engine, authentication.getName())) {
				throw new InternalAuthenticationServiceException("User " + authentication.getName() + " is not known");
			}
			response.sendRedirect(saved == null ? request.getContextPath() + "/office" : saved.getRedirectUrl());
		};
	}

}
