package nl.phaseout.engine.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * The one path every filter matches: the path within the application as the servlet container
 * maps it and Spring MVC serves it, decoded ({@code /%61pi} is {@code /api}), without
 * {@code ;}-parameters and with doubled slashes merged. The raw {@code getRequestURI()} is never
 * compared: a filter that reads it sees a path that no servlet serves.
 */
final class RequestPaths {

	private static final UrlPathHelper PATHS = new UrlPathHelper();

	static {
		PATHS.setUrlDecode(true);
		PATHS.setRemoveSemicolonContent(true);
	}

	private RequestPaths() {
	}

	static String of(HttpServletRequest request) {
		String path = PATHS.getPathWithinApplication(request);
		while (path.contains("//")) {
			path = path.replace("//", "/");
		}
		return path.isEmpty() ? "/" : path;
	}

	static boolean under(HttpServletRequest request, String prefix) {
		String path = of(request);
		return path.startsWith(prefix) || (path + "/").equals(prefix);
	}

}
