package nl.phaseout.engine.robust;

import static org.awaitility.Awaitility.await;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.phaseout.engine.PhaseoutEngineApplication;

/**
 * The application as a real child JVM on the test's runtime class path, so that it can be
 * killed with SIGKILL and started again on the same data directory and ports: on its own, or as
 * one node of a cluster.
 */
public final class ApplicationProcess implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path dataDir;

	private final String name;

	private final List<String> jvmOptions;

	private final String bootstrapServers;

	private final Map<String, String> environment;

	private final List<String> settings;

	private final String authorization;

	private final int httpPort = freePort();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Path> logs = new ArrayList<>();

	private Process process;

	/** The application as it runs out of the box: the dev profile, its own broker and H2 in {@code dataDir}. */
	ApplicationProcess(Path dataDir) {
		this(dataDir, freePort());
	}

	private ApplicationProcess(Path dataDir, int kafkaPort) {
		this(dataDir, "application", List.of("-Xmx768m", "-XX:+UseSerialGC"), "localhost:" + kafkaPort, Map.of(),
				List.of("--phaseout.kafka.embedded.port=" + kafkaPort, "--phaseout.inventory.trusted-sources=/test/*"),
				"demo", "demo");
	}

	private ApplicationProcess(Path dataDir, String name, List<String> jvmOptions, String bootstrapServers,
			Map<String, String> environment, List<String> settings, String user, String password) {
		this.dataDir = dataDir;
		this.name = name;
		this.jvmOptions = jvmOptions;
		this.bootstrapServers = bootstrapServers;
		this.environment = environment;
		this.settings = settings;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The application as it runs out of the box (the dev profile, its own broker and H2); settings
	 * that depend on its port ({@link #httpPort()}) may be added before it starts ({@link #addSettings}).
	 */
	public static ApplicationProcess dev(Path dataDir) {
		int kafkaPort = freePort();
		List<String> all = new ArrayList<>(List.of("--phaseout.kafka.embedded.port=" + kafkaPort,
				"--phaseout.inventory.trusted-sources=/test/*"));
		return new ApplicationProcess(dataDir, "application", List.of("-Xmx768m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1"), "localhost:" + kafkaPort, Map.of(), all, "demo", "demo");
	}

	/** More command-line settings for the next start, of an application made by {@link #dev(Path)}. */
	public void addSettings(List<String> more) {
		settings.addAll(more);
	}

	/** The HTTP port it listens on, chosen before it starts. */
	public int httpPort() {
		return httpPort;
	}

	/**
	 * A node of a cluster in the {@code prod} profile: its settings in the environment, as in
	 * {@code docker/compose.yaml}, among them the administrator who signs the requests. Compiled by
	 * C1 alone: on two shared cores such a node starts in about half the time, and a test's few
	 * minutes of work never repay C2's compilations.
	 */
	public static ApplicationProcess node(Path dataDir, String name, Map<String, String> environment,
			List<String> settings) {
		return node(dataDir, name, List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), environment,
				settings);
	}

	/** A node of a cluster, as {@link #node(Path, String, Map, List)}, with JVM options of the caller's. */
	public static ApplicationProcess node(Path dataDir, String name, List<String> jvmOptions,
			Map<String, String> environment, List<String> settings) {
		return new ApplicationProcess(dataDir, name, jvmOptions, environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"),
				environment, settings, environment.get("PHASEOUT_ADMIN_USER"), environment.get("PHASEOUT_ADMIN_PASSWORD"));
	}

	String bootstrapServers() {
		return bootstrapServers;
	}

	public String name() {
		return name;
	}

	/** Every log this application wrote, one per start. */
	public List<Path> logs() {
		return List.copyOf(logs);
	}

	/** Starts the child and waits until {@code /actuator/health} says UP. */
	public void start() {
		List<String> arguments = new ArrayList<>(List.of("--phaseout.data-dir=" + dataDir, "--server.port=" + httpPort,
				"--phaseout.demo-stale-after=P14D",
				// The broker's minimum: a consumer is not kept waiting 45 s for a killed one's session to end.
				"--spring.kafka.consumer.properties.session.timeout.ms=6000",
				"--spring.kafka.consumer.properties.heartbeat.interval.ms=2000"));
		arguments.addAll(settings);
		Path log = dataDir.resolve(name + "-" + (logs.size() + 1) + ".log");
		logs.add(log);
		process = ChildJvm.start(jvmOptions, PhaseoutEngineApplication.class, arguments,
				environment, dataDir, log);
		await(name + " healthy, log in " + log).atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log is "
							+ log + ":\n" + tail());
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
		return logs.get(logs.size() - 1);
	}

	boolean alive() {
		return process != null && process.isAlive();
	}

	/** The sum of a counter at {@code /actuator/metrics}, 0 before it exists. */
	public double metric(String meter, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/").append(meter);
		for (int i = 0; i < tags.length; i++) {
			path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
		}
		return get(path.toString()).map(m -> m.at("/measurements/0/value").asDouble()).orElse(0.0);
	}

	java.util.Optional<JsonNode> get(String path) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort
					+ path)).header("Authorization", authorization).timeout(Duration.ofSeconds(10)).GET().build(),
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

	/** Sends JSON and answers the status and body; refused connections are thrown, not retried. */
	public HttpResponse<String> post(String path, String json) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
				.header("Authorization", authorization)
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(name + " did not answer POST " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The operating system's id of the running JVM, to read its CPU time. */
	public long pid() {
		return process.pid();
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(log());
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

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
