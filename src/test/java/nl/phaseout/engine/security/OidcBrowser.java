package nl.phaseout.engine.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as sign-in needs one: cookies per host, redirects followed one at a time (so a
 * test sees where each goes), and the provider's login form filled in with its CSRF token.
 */
final class OidcBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
	}

	/** What the webapps' scripts ask in this session. */
	HttpResponse<String> getJson(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
	}

	HttpResponse<String> post(String url, Map<String, String> form) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form))));
	}

	/** Follows redirects from this response until one leaves for {@code stopAt} (not followed) or a page answers. */
	HttpResponse<String> follow(HttpResponse<String> response, String stopAt) {
		HttpResponse<String> current = response;
		for (int hops = 0; hops < 20 && current.statusCode() / 100 == 3; hops++) {
			String next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow()).toString();
			if (stopAt != null && next.startsWith(stopAt)) {
				return current;
			}
			current = get(next);
		}
		return current;
	}

	/**
	 * From a redirect that ends at the provider's login form: signs in there as {@code user} (the
	 * password is the name), and follows the redirects after it up to {@code stopAt} or a page.
	 */
	HttpResponse<String> signIn(HttpResponse<String> start, String user, String stopAt) {
		HttpResponse<String> loginPage = follow(start, null);
		if (!loginPage.uri().getPath().equals("/login") || loginPage.statusCode() != 200) {
			throw new IllegalStateException("Not the provider's login form: " + loginPage.uri() + " "
					+ loginPage.statusCode());
		}
		Matcher csrf = CSRF.matcher(loginPage.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on the login form:\n" + loginPage.body());
		}
		HttpResponse<String> signedIn = post(loginPage.uri().toString(),
				Map.of("username", user, "password", user, "_csrf", csrf.group(1)));
		return follow(signedIn, stopAt);
	}

	static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
