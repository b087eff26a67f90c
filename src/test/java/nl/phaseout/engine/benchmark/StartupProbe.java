package nl.phaseout.engine.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import nl.phaseout.engine.benchmark.Figures.Figure;
import nl.phaseout.engine.benchmark.Figures.Unit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Ready from {@code java -jar} of the packaged jar, as users start it: the default ({@code dev}) profile on H2 with
 * the embedded broker, no JVM options, only a fresh data directory and free ports given; then stopped and started
 * again on the same data directory (a restart). Ready is the latest of {@code /actuator/health} answering 200 (UP:
 * the database and Kafka; asked every 50 ms as the dev profile's administrator), the log's "Started
 * PhaseoutEngineApplication" (the application is ready: its runners have run) and the inventory listener's log
 * line that its partitions are assigned. Also the CPU time the process had used by then (user and system, from
 * {@code /proc}), which depends less than the wall-clock time on what else the machine does, and when the log
 * said what, as a breakdown of where start-up goes.
 */
final class StartupProbe {

	/** The log lines that mark the steps of a start, in the order they usually come. */
	private static final Map<String, String> STEPS = steps();

	private final Path jar;

	StartupProbe(Path jar) {
		this.jar = jar;
	}

	/** The packaged jar: {@code -Dbenchmark.jar}, or the one in {@code target/}; null when there is none. */
	static Path packagedJar() {
		String configured = System.getProperty("benchmark.jar");
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured);
			return Files.isRegularFile(path) ? path : null;
		}
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(file -> file.getFileName().toString().matches("phaseout-engine-.*\\.jar"))
				.findFirst()
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** A fresh start and a restart; prints each start's breakdown. */
	List<Figure> measure() throws Exception {
		Path dataDir = Files.createTempDirectory("phaseout-startup-");
		try {
			Start fresh = start(dataDir);
			System.out.println("start-up from java -jar, fresh data directory: " + fresh.breakdown());
			Start restart = start(dataDir);
			System.out.println("start-up from java -jar, restart: " + restart.breakdown());
			Figures figures = new Figures();
			String how = "java -jar " + jar.getFileName() + ", dev profile (H2, embedded broker, demo data), no JVM"
					+ " options; to /actuator/health UP and the inventory listener's partitions assigned";
			figures.put("startup.fresh", "ready from java -jar, fresh data directory", fresh.readySeconds(),
					Unit.SECONDS, how + String.format("; %.1f CPU s", fresh.cpuSeconds()));
			figures.put("startup.fresh.cpu", "of which CPU time", fresh.cpuSeconds(), Unit.SECONDS,
					"the process's user + system time until ready, every thread");
			figures.put("startup.restart", "ready from java -jar, restart", restart.readySeconds(), Unit.SECONDS,
					"the same data directory, stopped with SIGTERM before" + String.format("; %.1f CPU s",
							restart.cpuSeconds()));
			figures.put("startup.restart.cpu", "of which CPU time", restart.cpuSeconds(), Unit.SECONDS,
					"the process's user + system time until ready, every thread");
			return figures.all();
		}
		finally {
			try (Stream<Path> files = Files.walk(dataDir)) {
				files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
			}
		}
	}

	private Start start(Path dataDir) throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-jar",
				jar.toString(), "--phaseout.data-dir=" + dataDir, "--server.port=" + port,
				"--phaseout.kafka.embedded.port=0"));
		Map<String, Double> seen = new LinkedHashMap<>();
		List<String> log = new ArrayList<>();
		long launched = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reader = new Thread(() -> read(process, launched, seen, log), "startup-log");
		reader.setDaemon(true);
		reader.start();
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
			HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
				.timeout(Duration.ofSeconds(5))
				.build();
			double[] firstHealthy = { Double.NaN };
			try {
				await("ready").atMost(Duration.ofMinutes(5))
					.pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(50))
					.until(() -> {
						if (!process.isAlive()) {
							throw new IllegalStateException("The process stopped: " + lastLines(log));
						}
						if (Double.isNaN(firstHealthy[0]) && healthy(http, health)) {
							firstHealthy[0] = (System.nanoTime() - launched) / 1e9;
						}
						synchronized (seen) {
							return !Double.isNaN(firstHealthy[0]) && seen.containsKey("listeners assigned")
									&& seen.containsKey("application started");
						}
					});
			}
			catch (ConditionTimeoutException ex) {
				throw new IllegalStateException("Not ready within 5 minutes: " + lastLines(log), ex);
			}
			double healthy = firstHealthy[0];
			double ready = Math.max(healthy,
					Math.max(seen.get("listeners assigned"), seen.get("application started")));
			double cpu = ProcessCpu.process(process.pid());
			synchronized (seen) {
				seen.put("health UP", healthy);
				return new Start(ready, cpu, new LinkedHashMap<>(seen));
			}
		}
		finally {
			process.destroy();
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly().waitFor();
			}
		}
	}

	private static String lastLines(List<String> log) {
		synchronized (log) {
			return String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size()));
		}
	}

	private static boolean healthy(HttpClient http, HttpRequest health) {
		try {
			return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void read(Process process, long launched, Map<String, Double> seen, List<String> log) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				double at = (System.nanoTime() - launched) / 1e9;
				synchronized (log) {
					log.add(line);
				}
				for (Map.Entry<String, String> step : STEPS.entrySet()) {
					if (line.contains(step.getKey())) {
						synchronized (seen) {
							seen.putIfAbsent(step.getValue(), at);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	private static Map<String, String> steps() {
		Map<String, String> steps = new LinkedHashMap<>();
		steps.put("Starting PhaseoutEngineApplication", "Spring starting");
		steps.put("Tomcat initialized", "Tomcat initialized");
		steps.put("HikariPool-1 - Start completed", "database pool");
		steps.put("o.f.core.internal.command.Db", "Flyway");
		steps.put("Embedded Kafka broker ready", "broker ready");
		steps.put("CampaignBootstrap", "campaigns");
		steps.put("ENGINE-00001 Process Engine", "process engine built");
		steps.put("Exposing", "actuator");
		steps.put("Tomcat started", "Tomcat started");
		steps.put("Started PhaseoutEngineApplication", "application started");
		steps.put("partitions assigned: [phaseout.inventory-", "listeners assigned");
		return steps;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** One start: seconds to ready, CPU seconds by then, and when each step's log line came. */
	record Start(double readySeconds, double cpuSeconds, Map<String, Double> steps) {

		String breakdown() {
			StringBuilder text = new StringBuilder(String.format("ready %.1f s (%.1f CPU s); seconds from launch:",
					readySeconds, cpuSeconds));
			steps.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByValue())
				.forEach(step -> text.append(String.format(" %s %.1f,", step.getKey(), step.getValue())));
			return text.substring(0, text.length() - 1);
		}

	}

}
