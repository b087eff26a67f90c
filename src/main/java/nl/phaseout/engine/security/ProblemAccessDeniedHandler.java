package nl.phaseout.engine.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** A 403 as problem details that says what was refused, never which resources exist. */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		String path = RequestPaths.of(request);
		String detail = SecurityConfiguration.isAdministration(request)
				? request.getMethod() + " " + path + " is for administrators (group camunda-admin) only."
				: "Your groups do not allow " + request.getMethod() + " " + path + ".";
		ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, detail);
	}

}
