package nl.phaseout.engine.security;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No cross-site requests to {@code /api} and {@code /engine-rest}. They authenticate with HTTP
 * Basic, and browsers resend cached Basic credentials with a request another site's page makes,
 * so a page elsewhere could act as whoever used the API in that browser. Such a page can send an
 * unsafe request only as an HTML form ({@code text/plain}, {@code application/x-www-form-urlencoded},
 * {@code multipart/form-data}) or with {@code fetch}, and the browser names its origin either way.
 * So unsafe methods (POST, PUT, PATCH, DELETE) are refused with 403 when {@code Origin},
 * {@code Sec-Fetch-Site} or, for multipart bodies, {@code Referer} name another origin, and with 415
 * when their body is of a type the endpoints do not document: {@code /api} reads JSON and
 * {@code text/csv}; {@code /engine-rest} reads JSON and, for deployments and binary variables,
 * multipart. Machines (curl, integrations) send none of these headers and are not affected.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

	private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	/** What a form can send without script; never documented for /api or /engine-rest, except multipart. */
	private static final Set<String> FORM_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded");

	private final List<String> allowedOrigins;

	CrossSiteRequestFilter(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins.stream().map(CrossSiteRequestFilter::normalise).toList();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = RequestPaths.of(request);
		return SAFE.contains(request.getMethod()) || !(path.startsWith("/api/") || path.startsWith("/engine-rest/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean engineRest = RequestPaths.of(request).startsWith("/engine-rest/");
		MediaType type = contentType(request);
		String foreign = foreignOrigin(request, type != null && type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA));
		if (foreign != null) {
			ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "A " + request.getMethod()
					+ " from a page of another site (" + foreign + ") is refused: this API does not take"
					+ " cross-site requests. Call it from a program, or from a page of this site.");
			return;
		}
		String unsupported = unsupported(request, type, engineRest);
		if (unsupported != null) {
			ProblemResponses.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, unsupported);
			return;
		}
		chain.doFilter(request, response);
	}

	/** Which other origin a browser says the request comes from, or null when none does. */
	private String foreignOrigin(HttpServletRequest request, boolean multipart) {
		String own = ownOrigin(request);
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin != null) {
			return isAllowed(normalise(origin), own) ? null : "Origin: " + origin;
		}
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
			return "Sec-Fetch-Site: " + site;
		}
		// Browsers too old to send Origin with a form still send Referer, unless told not to.
		String referer = request.getHeader(HttpHeaders.REFERER);
		if (multipart && referer != null && !isAllowed(originOf(referer), own)) {
			return "Referer: " + referer;
		}
		return null;
	}

	private String unsupported(HttpServletRequest request, MediaType type, boolean engineRest) {
		boolean hasBody = request.getContentLengthLong() > 0
				|| request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		if (type == null) {
			return hasBody ? "A request body needs a Content-Type: application/json"
					+ (engineRest ? " (multipart/form-data for deployments)" : " (text/csv for CSV)") + "." : null;
		}
		String essence = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
		boolean json = type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
		boolean allowed = json || (engineRest ? !FORM_TYPES.contains(essence) : essence.equals("text/csv"));
		return allowed ? null : "Content-Type " + essence + " is not accepted here: send application/json"
				+ (engineRest ? " (multipart/form-data for deployments)" : " (text/csv for CSV uploads)") + ".";
	}

	private static MediaType contentType(HttpServletRequest request) {
		String header = request.getContentType();
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return MediaType.parseMediaType(header);
		}
		catch (InvalidMimeTypeException ex) {
			return MediaType.APPLICATION_OCTET_STREAM;
		}
	}

	private boolean isAllowed(String origin, String own) {
		return origin != null && (origin.equals(own) || allowedOrigins.contains(origin));
	}

	/** Scheme, host and port as the client addressed this application (a proxy in front must forward them). */
	private static String ownOrigin(HttpServletRequest request) {
		return normalise(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
	}

	private static String originOf(String url) {
		try {
			URI uri = URI.create(url);
			return uri.getScheme() == null || uri.getHost() == null ? null
					: normalise(uri.getScheme() + "://" + uri.getRawAuthority());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Lower case, without a default port; {@code null} (a sandboxed page) stays foreign. */
	static String normalise(String origin) {
		if (origin == null) {
			return null;
		}
		String lower = origin.strip().toLowerCase(Locale.ROOT);
		if (lower.endsWith("/")) {
			lower = lower.substring(0, lower.length() - 1);
		}
		if (lower.startsWith("http://") && lower.endsWith(":80")) {
			return lower.substring(0, lower.length() - 3);
		}
		if (lower.startsWith("https://") && lower.endsWith(":443")) {
			return lower.substring(0, lower.length() - 4);
		}
		return lower;
	}

}
