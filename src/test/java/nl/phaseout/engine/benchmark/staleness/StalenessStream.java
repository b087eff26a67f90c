package nl.phaseout.engine.benchmark.staleness;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import nl.phaseout.engine.benchmark.BenchmarkEvents;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The stream of observations and scans, published on {@code phaseout.inventory} as a scanner would (CloudEvents,
 * keyed by organisation), and timed from the first send to the moment the engine's consumer group has committed
 * the last offset, that is the projection committed every event. CPU time over that window: the JVM's, the
 * inventory consumer threads' alone, and this database's PostgreSQL backends'.
 */
final class StalenessStream implements AutoCloseable {

	static final String SOURCE = "/benchmark/staleness";

	private final Admin admin;

	private final KafkaProducer<String, byte[]> producer;

	private final String group;

	private final JdbcTemplate jdbc;

	private final StaleDatabase database;

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	StalenessStream(ConfigurableApplicationContext app, StaleDatabase database) {
		String bootstrap = app.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
		MessageListenerContainer listener = app.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("inventory");
		this.group = listener.getGroupId();
		this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
		this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 5,
				"batch.size", 256 * 1024), new StringSerializer(), new ByteArraySerializer());
		this.jdbc = app.getBean(JdbcTemplate.class);
		this.database = database;
	}

	/**
	 * A set's organisations each checking in {@code rounds} times, a day apart on their own clocks: each round
	 * half of an organisation's endpoints (the first always) observed again within the 12 hours before the new
	 * clock, one new endpoint, then a scan completed a minute after. Each round moves every organisation's clock
	 * by a day, so the endpoints that cross the threshold go stale by the range on the observed_at index.
	 */
	static List<ProducerRecord<String, byte[]>> checkIns(StaleEstate estate, int[] organisations, int rounds) {
		List<ProducerRecord<String, byte[]>> events = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			for (int organisation : organisations) {
				Random random = new Random(organisation * 31L + round);
				Instant clock = estate.clock(organisation).plus(Duration.ofDays(round));
				String id = StaleEstate.id(organisation);
				int size = estate.size(organisation);
				for (int e = 0; e < size; e++) {
					if (e == 0 || random.nextBoolean()) {
						Instant observedAt = e == 0 ? clock : clock.minus(Duration.ofMinutes(1 + random.nextInt(720)));
						events.add(observed(id, StaleEstate.endpointId(organisation, e), observedAt,
								StaleEstate.products(organisation, e)));
					}
				}
				int added = size + round - 1;
				events.add(observed(id, StaleEstate.endpointId(organisation, added), clock.minusSeconds(30),
						StaleEstate.products(organisation, added)));
				events.add(scan(id, "check-in-" + round + "-" + id, clock.plusSeconds(60), size + round));
			}
		}
		return events;
	}

	static ProducerRecord<String, byte[]> observed(String organisationId, String endpointId, Instant observedAt,
			List<Map<String, Object>> products) {
		return record(organisationId, event("phaseout.endpoint.observed", Map.of("organisationId", organisationId,
				"endpointId", endpointId, "observedAt", observedAt.toString(), "products", products)));
	}

	static ProducerRecord<String, byte[]> scan(String organisationId, String scanId, Instant completedAt,
			long endpointCount) {
		return record(organisationId, event("phaseout.inventory.scan-completed", Map.of("organisationId",
				organisationId, "scanId", scanId, "completedAt", completedAt.toString(), "endpointCount",
				endpointCount)));
	}

	/** Publishes the events and waits until the engine has committed them all; CPU time over that window. */
	Measured publishAndWait(List<ProducerRecord<String, byte[]>> events) throws Exception {
		long[] blocksBefore = database.blocks(jdbc);
		Map<String, long[]> scansBefore = database.fullScans(jdbc);
		Cpu before = cpu();
		long began = System.nanoTime();
		for (ProducerRecord<String, byte[]> event : events) {
			producer.send(event, (metadata, ex) -> {
				if (ex != null) {
					failure.compareAndSet(null, ex);
				}
			});
		}
		producer.flush();
		if (failure.get() != null) {
			throw new IllegalStateException("Publishing failed", failure.get());
		}
		// polled often: the time to the last commit is the figure
		await("the engine to consume the stream").atMost(Duration.ofMinutes(10))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.until(() -> lag() == 0);
		double seconds = (System.nanoTime() - began) / 1e9;
		Cpu after = cpu();
		long[] blocksAfter = database.blocks(jdbc);
		String fullScans = StaleDatabase.fullScansBetween(scansBefore, database.fullScans(jdbc), events.size());
		return new Measured(events.size(), seconds, after.process - before.process, after.consumers - before.consumers,
				after.postgres - before.postgres, blocksAfter[0] - blocksBefore[0], blocksAfter[1] - blocksBefore[1],
				fullScans);
	}

	private long lag() throws Exception {
		return BenchmarkEvents.lag(admin, group, Topics.INVENTORY);
	}

	private Cpu cpu() {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long consumers = 0;
		for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
			// spring-kafka names a container's consumer threads <listener id>-<n>-C-<m>
			if (info != null && info.getThreadName().startsWith("inventory-") && info.getThreadName().contains("-C-")) {
				consumers += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return new Cpu(os.getProcessCpuTime() / 1e9, consumers / 1e9, database.backendCpuSeconds(jdbc));
	}

	private record Cpu(double process, double consumers, double postgres) {
	}

	/**
	 * Events committed, wall seconds, CPU seconds: the JVM, the inventory consumers, PostgreSQL's backends; and
	 * on PostgreSQL the blocks of inv_endpoint and its indexes found in shared buffers and read from outside, and
 * the tables read whole most meanwhile.
	 */
	record Measured(int events, double seconds, double processCpu, double consumerCpu, double postgresCpu,
			long blocksHit, long blocksRead, String fullScans) {

		double rate() {
			return events / seconds;
		}

		double micros(double cpuSeconds) {
			return cpuSeconds * 1e6 / events;
		}

	}

	private static ProducerRecord<String, byte[]> record(String key, byte[] value) {
		return BenchmarkEvents.record(Topics.INVENTORY, key, value);
	}

	private static byte[] event(String type, Map<String, Object> data) {
		return BenchmarkEvents.cloudEvent(SOURCE, type, data);
	}

	@Override
	public void close() {
		producer.close();
		admin.close();
	}

}
