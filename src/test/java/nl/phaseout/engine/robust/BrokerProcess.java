package nl.phaseout.engine.robust;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import nl.phaseout.engine.system.EmbeddedKafkaBroker;

/** A {@link StandaloneBroker} started as a child JVM: the Kafka cluster that engine nodes share. */
public final class BrokerProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final String bootstrapServers;

	/** Starts the broker with its log under {@code dir}, and waits until clients can connect. */
	public BrokerProcess(Path dir, int partitions) {
		this.log = dir.resolve("broker.log");
		this.process = ChildJvm.start(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), StandaloneBroker.class,
				List.of(dir.resolve("kafka").toString(), String.valueOf(EmbeddedKafkaBroker.freePort()),
						String.valueOf(partitions)),
				Map.of(), dir, log);
		String[] address = new String[1];
		await("broker ready, log in " + log).atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("The broker exited with " + process.exitValue() + "; its log is "
							+ log + ":\n" + Files.readString(log));
				}
				address[0] = readyLine().orElse(null);
				return address[0] != null;
			});
		this.bootstrapServers = address[0];
	}

	public String bootstrapServers() {
		return bootstrapServers;
	}

	/** The operating system's id of the broker's JVM, to read its CPU time. */
	public long pid() {
		return process.pid();
	}

	private Optional<String> readyLine() {
		try {
			return Files.readAllLines(log)
				.stream()
				.filter(line -> line.startsWith(StandaloneBroker.READY))
				.map(line -> line.substring(StandaloneBroker.READY.length()).strip())
				.findFirst();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** SIGTERM, so the broker closes its log; SIGKILL if it has not within 30 s. */
	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

}
