package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The container's health probe against a stand-in for the node's actuator, answering as Spring Security would. */
class ContainerHealthCheckTest {

	private static final String ADMIN = "admin";

	private static final String PASSWORD = "s3cret: with spaces";

	private HttpServer server;

	private volatile int healthStatus = 200;

	@BeforeEach
	void startActuator() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		server.createContext("/actuator/health", exchange -> {
			boolean authenticated = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
			int status = authenticated ? healthStatus : 401;
			byte[] body = (status == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
	}

	@AfterEach
	void stopActuator() {
		server.stop(0);
	}

	@Test
	void healthyWhenTheNodeAnswersUpToTheAdministrator() {
		assertThat(ContainerHealthCheck.check(health(), ADMIN, PASSWORD)).isTrue();
	}

	@Test
	void unhealthyWhenTheNodeReportsDown() {
		healthStatus = 503;

		assertThat(ContainerHealthCheck.check(health(), ADMIN, PASSWORD)).isFalse();
	}

	@Test
	void unhealthyWhenTheCredentialsAreRefused() {
		assertThat(ContainerHealthCheck.check(health(), ADMIN, "not the password")).isFalse();
	}

	@Test
	void unhealthyWithoutCredentials() {
		assertThat(ContainerHealthCheck.check(health(), null, PASSWORD)).isFalse();
		assertThat(ContainerHealthCheck.check(health(), ADMIN, "")).isFalse();
	}

	@Test
	void unhealthyWhenNothingListens() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}

		URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/actuator/health");
		assertThat(ContainerHealthCheck.check(nowhere, ADMIN, PASSWORD)).isFalse();
	}

	private URI health() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/health");
	}

}
