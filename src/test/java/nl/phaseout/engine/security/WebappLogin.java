package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** A Tasklist session as the browser has it: the session cookie and the webapps' CSRF token. */
record WebappLogin(String cookies, String token) {

	static WebappLogin tasklist(TestRestTemplate http, String user, String password) {
		ResponseEntity<String> login = attempt(http, user, password);
		assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.OK);
		// The login starts a new session (against fixation); its CSRF token comes with the next request.
		String session = cookie(login, "JSESSIONID");
		HttpHeaders signedIn = new HttpHeaders();
		signedIn.add(HttpHeaders.COOKIE, "JSESSIONID=" + session);
		ResponseEntity<String> who = http.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
				new HttpEntity<>(signedIn), String.class);
		assertThat(who.getStatusCode()).as(who.getBody()).isEqualTo(HttpStatus.OK);
		String fresh = cookie(who, "XSRF-TOKEN");
		return new WebappLogin("JSESSIONID=" + session + (fresh == null ? "" : "; XSRF-TOKEN=" + fresh),
				fresh != null ? fresh : who.getHeaders().getFirst("X-XSRF-TOKEN"));
	}

	/** As the login page does: a session and its CSRF token from the app's page, then the form; the answer as it is. */
	static ResponseEntity<String> attempt(TestRestTemplate http, String user, String password) {
		ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
		StringBuilder cookies = new StringBuilder();
		String token = null;
		for (String cookie : page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
			String pair = cookie.split(";", 2)[0];
			cookies.append(pair).append("; ");
			if (pair.startsWith("XSRF-TOKEN=")) {
				token = pair.substring("XSRF-TOKEN=".length());
			}
		}
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, cookies.toString());
		headers.add("X-XSRF-TOKEN", token);
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", user);
		form.add("password", password);
		return http.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist", new HttpEntity<>(form, headers),
				String.class);
	}

	private static String cookie(ResponseEntity<?> response, String name) {
		for (String cookie : response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
			String pair = cookie.split(";", 2)[0];
			if (pair.startsWith(name + "=")) {
				return pair.substring(name.length() + 1);
			}
		}
		return null;
	}

	/** JSON headers for a request in this session. */
	HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, cookies);
		headers.add("X-XSRF-TOKEN", token);
		headers.setContentType(MediaType.APPLICATION_JSON);
		return headers;
	}

}
