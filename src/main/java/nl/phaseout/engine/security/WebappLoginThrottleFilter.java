package nl.phaseout.engine.security;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' login form ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) under
 * the same {@link LoginThrottle} as HTTP Basic: a client that failed too often for a user gets a
 * 429 before the password is checked; a 401 from the login counts as a failure, a success clears.
 * The form is read here for the user name and handed on unchanged.
 */
class WebappLoginThrottleFilter extends OncePerRequestFilter {

	private static final Pattern LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

	/** A login form is a user name and a password; anything longer is not one. */
	private static final int MAX_FORM_BYTES = 16 * 1024;

	private final LoginThrottle throttle;

	WebappLoginThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod())
				|| !LOGIN.matcher(RequestPaths.of(request)).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] form = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
		if (form.length > MAX_FORM_BYTES) {
			ProblemResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "A login form is at most 16 KiB.");
			return;
		}
		String user = field(form, "username");
		String client = request.getRemoteAddr();
		var blocked = throttle.blocked(client, user);
		if (blocked.isPresent()) {
			long seconds = new LoginThrottledException(blocked.get()).retryAfterSeconds();
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
			ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many failed logins for this user from your address; try again in " + seconds + " seconds.");
			return;
		}
		chain.doFilter(new ReplayedBody(request, form), response);
		if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			throttle.failed(client, user);
		}
		else if (response.getStatus() / 100 == 2) {
			throttle.succeeded(client, user);
		}
	}

	/** The value of a field of an {@code application/x-www-form-urlencoded} body, or null. */
	static String field(byte[] form, String name) {
		for (String pair : new String(form, StandardCharsets.ISO_8859_1).split("&")) {
			int equals = pair.indexOf('=');
			String key = equals < 0 ? pair : pair.substring(0, equals);
			if (decode(key).equals(name)) {
				return equals < 0 ? "" : decode(pair.substring(equals + 1));
			}
		}
		return null;
	}

	private static String decode(String text) {
		try {
			// The form's bytes were read as ISO-8859-1, one char per byte; percent-escapes are UTF-8.
			return URLDecoder.decode(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	/** The request with its body read already: handed on as it came. */
	private static final class ReplayedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReplayedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous only");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(encoding)));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

}
