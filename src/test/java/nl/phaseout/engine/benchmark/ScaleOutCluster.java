package nl.phaseout.engine.benchmark;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.robust.ApplicationProcess;
import nl.phaseout.engine.robust.BrokerProcess;
import nl.phaseout.engine.robust.ConsumerLag;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What one node count of {@link ScaleOut} runs on, as {@code TwoNodesIT} builds it: a fresh
 * PostgreSQL database (127.0.0.1:5432, user {@code postgres}; created here, dropped on close), a
 * Kafka broker in a JVM of its own whose inventory topic has six partitions, and the engine nodes,
 * child JVMs in the {@code prod} profile, started one after the other as {@code docker/compose.yaml}
 * starts them (the first creates the schema). Also the load generator's producer, the probe that
 * watches the database over one connection of its own, and the CPU time of every process that works.
 */
final class ScaleOutCluster implements AutoCloseable {

	static final int PARTITIONS = 6;

	private static final String GROUP = "phaseout-engine";

	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

	private static final String OFFICE = "scale-out-office";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String database = "scaleout_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final JdbcTemplate postgres = new JdbcTemplate(new DriverManagerDataSource(POSTGRES + "test", "postgres", ""));

	private final List<ApplicationProcess> nodes = new ArrayList<>();

	/** Children do not outlive a benchmark JVM that is stopped. */
	private final Thread cleanUp = new Thread(this::stopProcesses, "scale-out-clean-up");

	private SingleConnectionDataSource probe;

	private JdbcTemplate db;

	private BrokerProcess broker;

	private Admin admin;

	private KafkaProducer<String, byte[]> producer;

	private final Path dir;

	private final int nodeCount;

	private final int consumersPerNode;

	private final List<String> nodeJvm;

	/**
	 * Each node's logs go under {@code dir}; each node runs {@code consumersPerNode} inventory
	 * consumers and the engine's default signal workers.
	 */
	ScaleOutCluster(Path dir, int nodeCount, int consumersPerNode, List<String> nodeJvm) {
		this.dir = dir;
		this.nodeCount = nodeCount;
		this.consumersPerNode = consumersPerNode;
		this.nodeJvm = nodeJvm;
	}

	/** Creates the database, starts the broker and the nodes; {@link #close} undoes what was done. */
	void start() throws Exception {
		Runtime.getRuntime().addShutdownHook(cleanUp);
		postgres.execute("CREATE DATABASE " + database);
		// one connection, so that the probe's own backend is known and left out of PostgreSQL's CPU time
		probe = new SingleConnectionDataSource(POSTGRES + database, "postgres", "", true);
		db = new JdbcTemplate(probe);
		broker = new BrokerProcess(dir, PARTITIONS);
		for (int n = 1; n <= nodeCount; n++) {
			String name = "node-" + n;
			ApplicationProcess node = ApplicationProcess.node(Files.createDirectories(dir.resolve(name)), name, nodeJvm,
					Map.of("SPRING_PROFILES_ACTIVE", "prod", "SPRING_DATASOURCE_URL", POSTGRES + database,
							"SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", "",
							"SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "PHASEOUT_ADMIN_USER", OFFICE,
							"PHASEOUT_ADMIN_PASSWORD", Benchmark.PASSWORD, "PHASEOUT_KAFKA_TOPICS_PARTITIONS",
							String.valueOf(PARTITIONS)),
					List.of("--spring.kafka.listener.concurrency=" + consumersPerNode));
			nodes.add(node);
			node.start();
		}
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG,
				256 * 1024), new StringSerializer(), new ByteArraySerializer());
	}

	List<ApplicationProcess> nodes() {
		return nodes;
	}

	JdbcTemplate db() {
		return db;
	}

	String database() {
		return database;
	}

	/**
	 * Registers each organisation over REST as a mandatory one whose inventory source is the
	 * workload's, four requests at a time, on the nodes in turn.
	 */
	void register(List<String> organisations) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < organisations.size(); i++) {
				String org = organisations.get(i);
				ApplicationProcess node = nodes.get(i % nodes.size());
				calls.add(pool.submit(() -> {
					Map<String, Object> registration = new LinkedHashMap<>();
					registration.put("id", org);
					registration.put("name", "Organisatie " + org);
					registration.put("category", "CENTRAL_GOVERNMENT");
					registration.put("sources", List.of(Workload.SOURCE));
					HttpResponse<String> created = node.post("/api/organisations", JSON.writeValueAsString(registration));
					if (created.statusCode() != 201) {
						throw new IllegalStateException("Registering " + org + " on " + node.name() + " answered "
								+ created.statusCode() + ": " + created.body());
					}
					return null;
				}));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Hands every record to the producer as fast as it takes them, and waits until the broker has them all. */
	void publish(List<ProducerRecord<String, byte[]>> records) {
		AtomicReference<Exception> failure = new AtomicReference<>();
		for (ProducerRecord<String, byte[]> record : records) {
			producer.send(record, (metadata, ex) -> {
				if (ex != null) {
					failure.compareAndSet(null, ex);
				}
			});
		}
		producer.flush();
		if (failure.get() != null) {
			throw new IllegalStateException("Publishing failed", failure.get());
		}
	}

	/** The engine's consumer group's lag on the inventory topic. */
	long lag() throws Exception {
		return ConsumerLag.of(admin, GROUP, Topics.INVENTORY);
	}

	/** Process signals recorded and not delivered yet. */
	long pendingSignals() {
		return db.queryForObject("SELECT COUNT(*) FROM process_signal", Long.class);
	}

	/**
	 * PostgreSQL plans from its statistics, which autovacuum refreshes in time (this machine's
	 * server runs with it off): after a bulk load, as {@link BenchmarkDatabase#afterBulkLoad} does.
	 */
	void analyze() {
		db.execute("ANALYZE");
	}

	/**
	 * The CPU time so far of each node, the broker, this JVM (the load generator and the probe),
	 * and the database's backends but the probe's own.
	 */
	ProcessCpu.Sample cpu() {
		Map<String, Long> pids = new LinkedHashMap<>();
		nodes.forEach(node -> pids.put(node.name(), node.pid()));
		pids.put("broker", broker.pid());
		pids.put("generator", ProcessHandle.current().pid());
		db.queryForList("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
				Integer.class)
			.forEach(pid -> pids.put("postgres " + pid, pid.longValue()));
		return ProcessCpu.Sample.of(pids);
	}

	/**
	 * How many calls into the process each node's signal workers have made so far (its counter
	 * {@code phaseout.inventory.advancements}): which node did the advancing.
	 */
	Map<String, Long> processCalls() {
		Map<String, Long> calls = new LinkedHashMap<>();
		nodes.forEach(node -> calls.put(node.name(), Math.round(node.metric("phaseout.inventory.advancements"))));
		return calls;
	}

	/** Stops every process, then drops the database. */
	@Override
	public void close() {
		stopProcesses();
		Runtime.getRuntime().removeShutdownHook(cleanUp);
		if (probe != null) {
			probe.destroy();
		}
		postgres.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
	}

	private void stopProcesses() {
		if (producer != null) {
			producer.close();
		}
		if (admin != null) {
			admin.close();
		}
		nodes.forEach(ApplicationProcess::close);
		if (broker != null) {
			broker.close();
		}
	}

}
