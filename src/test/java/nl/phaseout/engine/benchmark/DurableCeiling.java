package nl.phaseout.engine.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointObserved;
import nl.phaseout.engine.inventory.event.InventoryEventParser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The durable ceiling: the least any engine that keeps every observation must do. The engine's consumer settings
 * and as many consumers as it runs, in a consumer group of their own; every record parsed by the engine's own
 * CloudEvents parser ({@link InventoryEventParser}, the application's bean); and per poll one transaction that
 * batch-upserts each observation's endpoint row (one per active campaign, products as JSON, the event's identity
 * as its dedup key, as the engine's {@code inv_endpoint} rows) and inserts the organisation facts' dedup keys
 * (as {@code inv_processed_event}), into scratch tables that copy the engine's in the engine's database (its
 * pool), then commits the consumer's offsets. No classification, no counts, no locks, no process signals: those
 * are the engine's own choices. Timed from the first record any consumer received to the last offsets committed.
 */
final class DurableCeiling {

	static final String ENDPOINTS = "bench_durable_endpoint";

	static final String FACTS = "bench_durable_processed_event";

	private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

	private final DataSource dataSource;

	private final InventoryEventParser parser;

	private final Map<String, Object> consumerSettings;

	private final int consumers;

	private final boolean postgres;

	private final List<String> campaigns;

	private final Supplier<List<Long>> postgresBackends;

	DurableCeiling(ConfigurableApplicationContext app, BenchmarkKafka kafka, List<String> campaigns,
			Supplier<List<Long>> postgresBackends) throws SQLException {
		this.dataSource = app.getBean(DataSource.class);
		this.postgresBackends = postgresBackends;
		this.parser = app.getBean(InventoryEventParser.class);
		this.consumerSettings = kafka.consumerSettings();
		this.consumers = kafka.consumers();
		this.campaigns = campaigns;
		try (Connection connection = dataSource.getConnection()) {
			this.postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
		}
	}

	void measure(String topic, long events, Figures figures) throws Exception {
		createTables();
		AtomicLong first = new AtomicLong(Long.MAX_VALUE);
		// as the engine's: the rate of the second half, the first having warmed the JIT on this code
		AtomicLong half = new AtomicLong(0);
		AtomicLong consumedAtHalf = new AtomicLong();
		AtomicLong consumed = new AtomicLong();
		AtomicLong transactions = new AtomicLong();
		CpuTime start = CpuTime.now(postgresBackends.get());
		AtomicReference<CpuTime> atHalf = new AtomicReference<>();
		AtomicLong named = new AtomicLong();
		ExecutorService threads = Executors.newFixedThreadPool(consumers,
				task -> new Thread(task, "durable-ceiling-" + named.incrementAndGet()));
		long last = 0;
		CpuTime end;
		try {
			List<Future<Long>> done = new ArrayList<>();
			for (int i = 0; i < consumers; i++) {
				done.add(threads.submit(() -> consume(topic, events, first, consumed, transactions, half,
						consumedAtHalf, atHalf)));
			}
			for (Future<Long> thread : done) {
				last = Math.max(last, thread.get(30, TimeUnit.MINUTES));
			}
			// before the pool's threads end: an ended thread's time is no longer its own in the breakdown
			end = CpuTime.now(postgresBackends.get());
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The durable ceiling failed", ex.getCause());
		}
		finally {
			threads.shutdownNow();
		}
		long rows = count(ENDPOINTS);
		long expected = (events - count(FACTS)) * campaigns.size();
		if (consumed.get() != events || rows != expected) {
			throw new IllegalStateException("The durable ceiling read " + consumed.get() + " of " + events
					+ " events and holds " + rows + " endpoint rows, expected " + expected);
		}
		double seconds = (last - first.get()) / 1e9;
		// a workload so small that its last poll crossed the half (the smoke test's): the whole, then
		boolean whole = consumedAtHalf.get() >= events;
		long warmEvents = whole ? events : events - consumedAtHalf.get();
		double warmSeconds = (last - (whole ? first.get() : half.get())) / 1e9;
		figures.put("durable.rate", "durable ceiling: the engine's consumers + its parser + one upsert transaction a"
				+ " poll (warm half)", warmEvents / warmSeconds, Figures.Unit.EVENTS_PER_SECOND,
				String.format("the last %,d of %,d events in %.2f s (all in %.2f s, %,.0f events/s), %,d transactions"
						+ " (%,.0f events each), %,d endpoint rows and %,d dedup keys upserted in copies of inv_endpoint"
						+ " and inv_processed_event, offsets committed after each; %d consumer(s) in a group of their"
						+ " own", warmEvents, events, warmSeconds, seconds, events / seconds, transactions.get(),
						(double) events / transactions.get(), rows, count(FACTS), consumers));
		CpuTime used = end.minus(whole || atHalf.get() == null ? start : atHalf.get());
		figures.put("durable.cpu.event", "of which CPU per event (JVM + database, warm half)",
				(used.processMillis() + used.postgresMillis()) * 1000 / warmEvents, Figures.Unit.MICROS,
				String.format("to set beside the engine's: the JVM %.1f µs (the broker and the load generator in it),"
						+ " PostgreSQL's processes %.1f µs; by thread, in µs an event (printed as ms a thousand): %s",
						used.processMillis() * 1000 / warmEvents, used.postgresMillis() * 1000 / warmEvents,
						used.breakdown(4, warmEvents / 1000.0)));
		dropTables();
	}

	/** Returns when this consumer committed its last offsets; all stop once every event is consumed. */
	private long consume(String topic, long events, AtomicLong first, AtomicLong consumed, AtomicLong transactions,
			AtomicLong half, AtomicLong consumedAtHalf, AtomicReference<CpuTime> atHalf) throws Exception {
		Map<String, Object> settings = new HashMap<>(consumerSettings);
		settings.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-durable-ceiling");
		settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		long last = 0;
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new ByteArrayDeserializer()); Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
			while (consumed.get() < events) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The durable ceiling took more than 30 minutes");
				}
				ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
				if (records.isEmpty()) {
					continue;
				}
				first.accumulateAndGet(System.nanoTime(), Math::min);
				write(connection, records);
				connection.commit();
				consumer.commitSync();
				transactions.incrementAndGet();
				long total = consumed.addAndGet(records.count());
				last = System.nanoTime();
				if (total >= events / 2 && half.compareAndSet(0, last)) {
					consumedAtHalf.set(total);
					atHalf.set(CpuTime.now(postgresBackends.get()));
				}
			}
		}
		return last;
	}

	private void write(Connection connection, ConsumerRecords<String, byte[]> records) throws Exception {
		try (PreparedStatement endpoints = connection.prepareStatement(upsertEndpoint());
				PreparedStatement facts = connection.prepareStatement(insertFact())) {
			Timestamp now = Timestamp.from(Instant.now());
			for (ConsumerRecord<String, byte[]> record : records) {
				InventoryEvent event = parser.parse(record);
				if (event instanceof EndpointObserved observed) {
					String products = JSON.writeValueAsString(observed.products());
					String state = observed.products().stream().anyMatch(p -> p.antivirus() && p.active())
							? "PROTECTED" : "UNPROTECTED";
					for (String campaign : campaigns) {
						endpoints.setTimestamp(1, Timestamp.from(observed.observedAt()));
						endpoints.setString(2, state);
						endpoints.setString(3, event.envelope().source());
						endpoints.setString(4, event.envelope().id());
						endpoints.setString(5, products);
						endpoints.setString(6, campaign);
						endpoints.setString(7, observed.organisationId());
						endpoints.setString(8, observed.endpointId());
						endpoints.addBatch();
					}
				}
				else {
					facts.setString(1, event.envelope().source());
					facts.setString(2, event.envelope().id());
					facts.setString(3, event.envelope().type());
					facts.setString(4, event.organisationId());
					facts.setTimestamp(5, now);
					facts.addBatch();
				}
			}
			endpoints.executeBatch();
			facts.executeBatch();
		}
	}

	private String upsertEndpoint() {
		String columns = "(observed_at, retired_at, retired, state, banned_products, last_event_source, last_event_id,"
				+ " products, campaign_id, organisation_id, endpoint_id)";
		String values = " VALUES (?, NULL, FALSE, ?, NULL, ?, ?, ?, ?, ?, ?)";
		if (postgres) {
			return "INSERT INTO " + ENDPOINTS + " " + columns + values
					+ " ON CONFLICT (campaign_id, organisation_id, endpoint_id) DO UPDATE SET"
					+ " observed_at = EXCLUDED.observed_at, state = EXCLUDED.state,"
					+ " last_event_source = EXCLUDED.last_event_source, last_event_id = EXCLUDED.last_event_id,"
					+ " products = EXCLUDED.products";
		}
		return "MERGE INTO " + ENDPOINTS + " " + columns + " KEY (campaign_id, organisation_id, endpoint_id)" + values;
	}

	private String insertFact() {
		String insert = " INTO " + FACTS + " (source, id, type, organisation_id, processed_at) VALUES (?, ?, ?, ?, ?)";
		return postgres ? "INSERT" + insert + " ON CONFLICT DO NOTHING"
				: "MERGE" + insert.replace(" VALUES", " KEY (organisation_id, id, source) VALUES");
	}

	/** Copies of the engine's tables, with their keys and indexes, empty. */
	private void createTables() throws SQLException {
		dropTables();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			if (postgres) {
				statement.execute("CREATE TABLE " + ENDPOINTS + " (LIKE inv_endpoint INCLUDING ALL)");
				statement.execute("CREATE TABLE " + FACTS + " (LIKE inv_processed_event INCLUDING ALL)");
			}
			else {
				// H2 copies the columns' types, not their NOT NULL: the keys' columns get it back
				statement.execute("CREATE TABLE " + ENDPOINTS + " AS SELECT * FROM inv_endpoint WITH NO DATA");
				notNull(statement, ENDPOINTS, "campaign_id", "organisation_id", "endpoint_id", "retired");
				statement.execute("ALTER TABLE " + ENDPOINTS + " ADD PRIMARY KEY (campaign_id, organisation_id,"
						+ " endpoint_id)");
				statement.execute("CREATE INDEX " + ENDPOINTS + "_state ON " + ENDPOINTS + " (campaign_id, state,"
						+ " retired)");
				statement.execute("CREATE INDEX " + ENDPOINTS + "_observed ON " + ENDPOINTS + " (campaign_id,"
						+ " organisation_id, observed_at)");
				statement.execute("CREATE TABLE " + FACTS + " AS SELECT * FROM inv_processed_event WITH NO DATA");
				notNull(statement, FACTS, "source", "id", "type", "organisation_id", "processed_at");
				statement.execute("ALTER TABLE " + FACTS + " ADD PRIMARY KEY (organisation_id, id, source)");
			}
		}
	}

	private static void notNull(Statement statement, String table, String... columns) throws SQLException {
		for (String column : columns) {
			statement.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL");
		}
	}

	private void dropTables() throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + ENDPOINTS);
			statement.execute("DROP TABLE IF EXISTS " + FACTS);
		}
	}

	private long count(String table) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				var rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
