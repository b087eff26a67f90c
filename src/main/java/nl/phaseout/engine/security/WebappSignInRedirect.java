package nl.phaseout.engine.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With sign-in by OpenID Connect: a browser that opens Tasklist, Cockpit or Admin without being
 * signed in goes to the provider rather than to the webapps' own login form, and comes back to
 * the page it opened ({@link OidcSignInConfiguration}). The webapps' REST API answers as before.
 */
class WebappSignInRedirect extends OncePerRequestFilter {

	private final RequestCache requests = new HttpSessionRequestCache();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || !RequestPaths.under(request, "/camunda/app/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (WebappSession.signedIn(request) != null) {
			chain.doFilter(request, response);
			return;
		}
		requests.saveRequest(request, response);
		response.sendRedirect(request.getContextPath() + OidcLogin.AUTHORIZATION);
	}

}
