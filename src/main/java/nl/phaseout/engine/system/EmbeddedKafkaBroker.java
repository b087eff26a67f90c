package nl.phaseout.engine.system;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker in KRaft mode (broker and controller in one
 * process), started with Kafka's own server classes. Its log lives in the given
 * directory, which is formatted on first start, so records survive a restart.
 */
public final class EmbeddedKafkaBroker {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

	private static final String CONTROLLER = "CONTROLLER";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private final Path logDir;

	private final String host;

	private final int port;

	private final int partitions;

	private final Settings settings;

	private final Map<String, Object> clientSettings;

	private KafkaRaftServer server;

	private CompletableFuture<Void> starting;

	public EmbeddedKafkaBroker(Path logDir, String host, int port, int partitions) {
		this(logDir, host, port, partitions, (properties, controllerPort) -> {
		}, Map.of());
	}

	/**
	 * A broker with settings over the defaults, such as a test's SASL listeners and authorizer.
	 *
	 * @param clientSettings what a client needs besides the address to reach it (its SASL login)
	 */
	EmbeddedKafkaBroker(Path logDir, String host, int port, int partitions, Settings settings,
			Map<String, Object> clientSettings) {
		this.logDir = logDir.toAbsolutePath().normalize();
		this.host = host;
		this.port = port;
		this.partitions = partitions;
		this.settings = settings;
		this.clientSettings = Map.copyOf(clientSettings);
	}

	/** Changes the broker's settings, knowing the controller's port. */
	@FunctionalInterface
	interface Settings {

		void apply(Properties properties, int controllerPort);

	}

	public String bootstrapServers() {
		return host + ":" + port;
	}

	/**
	 * Starts the broker on a thread of its own, so that it comes up while the rest of the
	 * application does; {@link #awaitStarted()} waits for it.
	 */
	public synchronized void startInBackground() {
		if (starting == null) {
			starting = CompletableFuture.runAsync(this::start, runnable -> {
				Thread thread = new Thread(runnable, "embedded-kafka-start");
				thread.setDaemon(true);
				thread.start();
			});
		}
	}

	/** Waits until a start begun by {@link #startInBackground()} is done, or starts the broker now. */
	public void awaitStarted() {
		CompletableFuture<Void> background;
		synchronized (this) {
			background = starting;
		}
		if (background == null) {
			start();
			return;
		}
		try {
			background.join();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException cause ? cause
					: new IllegalStateException("The embedded Kafka broker did not start", ex.getCause());
		}
	}

	public synchronized void start() {
		if (server != null) {
			return;
		}
		long started = System.nanoTime();
		int controllerPort = freePort();
		KafkaConfig config = new KafkaConfig(serverProperties(controllerPort), false);
		formatOnFirstStart();
		server = new KafkaRaftServer(config, Time.SYSTEM);
		server.startup();
		awaitReady();
		log.info("Embedded Kafka broker ready on {} in {} ms, log in {}", bootstrapServers(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logDir);
	}

	public synchronized void stop() {
		if (server == null) {
			return;
		}
		server.shutdown();
		server.awaitShutdown();
		server = null;
		log.info("Embedded Kafka broker on {} stopped", bootstrapServers());
	}

	private Properties serverProperties(int controllerPort) {
		Properties props = new Properties();
		props.put("process.roles", "broker,controller");
		props.put("node.id", "1");
		props.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
		props.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER + "://" + host + ":" + controllerPort);
		props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
		props.put("controller.listener.names", CONTROLLER);
		props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
		props.put("inter.broker.listener.name", "PLAINTEXT");
		props.put("log.dirs", logDir.toString());
		props.put("num.partitions", String.valueOf(partitions));
		props.put("auto.create.topics.enable", "false");
		// A single node: every internal topic has one replica.
		props.put("offsets.topic.replication.factor", "1");
		props.put("offsets.topic.num.partitions", "10");
		props.put("transaction.state.log.replication.factor", "1");
		props.put("transaction.state.log.min.isr", "1");
		props.put("transaction.state.log.num.partitions", "10");
		props.put("share.coordinator.state.topic.replication.factor", "1");
		props.put("group.initial.rebalance.delay.ms", "0");
		props.put("message.max.bytes", String.valueOf(2 * 1024 * 1024));
		settings.apply(props, controllerPort);
		return props;
	}

	private void formatOnFirstStart() {
		try {
			Files.createDirectories(logDir);
			if (Files.exists(logDir.resolve("meta.properties"))) {
				return;
			}
			log.info("Formatting the embedded Kafka broker's storage in {}", logDir);
			new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
				.setClusterId(Uuid.randomUuid().toString())
				.setNodeId(1)
				.setDirectories(Set.of(logDir.toString()))
				.setMetadataLogDirectory(logDir.toString())
				.setControllerListenerName(CONTROLLER)
				.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
				.setIgnoreFormatted(true)
				.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the Kafka log directory " + logDir, ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot format the Kafka log directory " + logDir, ex);
		}
	}

	/** The broker has registered with its controller and answers clients. */
	private void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		Map<String, Object> config = new HashMap<>(clientSettings);
		config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
		try (Admin admin = Admin.create(config)) {
			while (true) {
				try {
					if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
						return;
					}
				}
				catch (Exception ex) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("Embedded Kafka broker on " + bootstrapServers()
								+ " did not become ready within " + READY_TIMEOUT.toSeconds() + " s", ex);
					}
				}
			}
		}
	}

	/** A port that is free now, for the controller listener and for tests. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port", ex);
		}
	}

}
