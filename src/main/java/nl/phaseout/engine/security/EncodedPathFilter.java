package nl.phaseout.engine.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 a path that spells a letter, digit, {@code -}, {@code .}, {@code _} or
 * {@code ~} in percent-encoding ({@code /%65ngine-rest}): no client needs to (RFC 3986: they should
 * not be encoded), and such a path means one thing to the filters, which decode it, and another to
 * a servlet mapped on the raw path (Spring's request path parsing and Jersey failed on it with a
 * 500 and an error in the log). The first filter of all, before Spring Security's, whose own
 * request path parsing already fails on it.
 */
class EncodedPathFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (encodesUnreserved(request.getRequestURI())) {
			ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "The path spells a letter, digit, '-', "
					+ "'.', '_' or '~' in percent-encoding: send these characters as they are.");
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean encodesUnreserved(String path) {
		if (path == null) {
			return false;
		}
		for (int i = path.indexOf('%'); i >= 0 && i + 2 < path.length(); i = path.indexOf('%', i + 1)) {
			int high = Character.digit(path.charAt(i + 1), 16);
			int low = Character.digit(path.charAt(i + 2), 16);
			if (high >= 0 && low >= 0 && unreserved((char) (high * 16 + low))) {
				return true;
			}
		}
		return false;
	}

	private static boolean unreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
