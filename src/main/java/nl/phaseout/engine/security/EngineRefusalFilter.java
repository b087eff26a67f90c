package nl.phaseout.engine.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Turns the engine's refusal of a user's input ({@link UserInputInterceptor}) into problem
 * details on both REST APIs, as every other refusal of the application is: Camunda's REST would
 * answer with its own JSON. Only unsafe requests are held back until the engine has answered.
 */
class EngineRefusalFilter extends OncePerRequestFilter {

	private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return SAFE.contains(request.getMethod()) || !(RequestPaths.under(request, "/engine-rest/")
				|| RequestPaths.under(request, "/camunda/api/engine/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, held);
		Object refusal = request.getAttribute(UserInputInterceptor.REFUSAL);
		if (refusal instanceof RuntimeException refused && !response.isCommitted()) {
			response.reset();
			HttpStatus status = refused instanceof AuthorizationException ? HttpStatus.FORBIDDEN
					: HttpStatus.BAD_REQUEST;
			ProblemResponses.write(request, response, status, refused.getMessage());
			return;
		}
		held.copyBodyToResponse();
	}

}
