package nl.phaseout.engine.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The engine container's health probe (docker/compose.yaml): exits 0 when this node's
 * {@code /actuator/health} answers 200, that is UP with its database and Kafka, and 1
 * otherwise. It runs in a JVM of its own, so it needs nothing but the JDK and is the one
 * class the image copies beside the jar: the JRE image promises no curl or wget. The
 * administrator's credentials come from the container's environment, never from a command
 * line that {@code ps} or {@code docker inspect} would show.
 */
final class ContainerHealthCheck {

	private static final int TIMEOUT_MS = 5000;

	private static final int SHOWN_CHARS = 500;

	private ContainerHealthCheck() {
	}

	public static void main(String[] args) {
		String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
		URI health = URI.create("http://localhost:" + port + "/actuator/health");
		boolean healthy = check(health, System.getenv("PHASEOUT_ADMIN_USER"), System.getenv("PHASEOUT_ADMIN_PASSWORD"));
		System.exit(healthy ? 0 : 1);
	}

	/** Prints what it saw (Docker keeps it in the container's health log) and says whether it was healthy. */
	static boolean check(URI health, String user, String password) {
		if (user == null || user.isBlank() || password == null || password.isBlank()) {
			System.out.println("PHASEOUT_ADMIN_USER and PHASEOUT_ADMIN_PASSWORD must be set: health needs credentials");
			return false;
		}
		try {
			HttpURLConnection connection = (HttpURLConnection) health.toURL().openConnection();
			connection.setConnectTimeout(TIMEOUT_MS);
			connection.setReadTimeout(TIMEOUT_MS);
			String credentials = user + ":" + password;
			connection.setRequestProperty("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
			int status = connection.getResponseCode();
			System.out.println("HTTP " + status + " " + body(connection, status));
			return status == HttpURLConnection.HTTP_OK;
		}
		catch (IOException ex) {
			System.out.println(health + " does not answer: " + ex);
			return false;
		}
	}

	private static String body(HttpURLConnection connection, int status) throws IOException {
		try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
			if (in == null) {
				return "";
			}
			String body = new String(in.readNBytes(SHOWN_CHARS), StandardCharsets.UTF_8);
			return body.replaceAll("\\s+", " ");
		}
	}

}
