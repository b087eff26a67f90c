package nl.phaseout.engine.robust;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.phaseout.engine.PhaseoutEngineApplication;

/**
 * The application as a real child JVM on the test's runtime class path, so that it can be
 * killed with SIGKILL and started again on the same data directory and ports.
 */
final class ApplicationProcess implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String DEMO = "Basic "
			+ Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

	private final Path dataDir;

	private final int httpPort = freePort();

	private final int kafkaPort = freePort();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Process process;

	private Path log;

	private int starts;

	ApplicationProcess(Path dataDir) {
		this.dataDir = dataDir;
	}

	String bootstrapServers() {
		return "localhost:" + kafkaPort;
	}

	/** Starts the child and waits until {@code /actuator/health} says UP. */
	void start() {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx768m", "-XX:+UseSerialGC", "-cp", classPath(),
				PhaseoutEngineApplication.class.getName(), "--phaseout.data-dir=" + dataDir,
				"--server.port=" + httpPort, "--phaseout.kafka.embedded.port=" + kafkaPort,
				"--phaseout.inventory.trusted-sources=/test/*",
				// The broker's minimum: a restarted consumer is not kept waiting 45 s for its killed predecessor's session to end.
				"--spring.kafka.consumer.properties.session.timeout.ms=6000",
				"--spring.kafka.consumer.properties.heartbeat.interval.ms=2000"));
		log = dataDir.resolve("application-" + (++starts) + ".log");
		try {
			process = new ProcessBuilder(command).directory(dataDir.toFile())
				.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		await("application " + starts + " healthy, log in " + log).atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("The application exited with " + process.exitValue()
							+ "; its log is " + log + ":\n" + tail());
				}
				return "UP".equals(get("/actuator/health").map(health -> health.path("status").asText()).orElse(null));
			});
	}

	/** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
	void kill() {
		process.destroyForcibly();
		waitFor();
	}

	/** SIGTERM: Spring closes the context, the database and the broker. */
	void stop() {
		process.destroy();
		waitFor();
	}

	/** The log of the latest start. */
	Path log() {
		return log;
	}

	boolean alive() {
		return process != null && process.isAlive();
	}

	/** The sum of a counter at {@code /actuator/metrics}, 0 before it exists. */
	double metric(String name, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
		}
		return get(path.toString()).map(m -> m.at("/measurements/0/value").asDouble()).orElse(0.0);
	}

	java.util.Optional<JsonNode> get(String path) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort
					+ path)).header("Authorization", DEMO).timeout(Duration.ofSeconds(10)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 ? java.util.Optional.of(JSON.readTree(response.body()))
					: java.util.Optional.empty();
		}
		catch (IOException ex) {
			return java.util.Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		if (alive()) {
			process.destroyForcibly();
			waitFor();
		}
	}

	private void waitFor() {
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The test's runtime class path without empty entries: Surefire's ends in a separator, which
	 * would put the working directory (the project, with its top-level {@code bpmn/}) on the class
	 * path and deploy every process twice.
	 */
	private static String classPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> !entry.isBlank())
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
