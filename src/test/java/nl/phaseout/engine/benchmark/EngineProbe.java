package nl.phaseout.engine.benchmark;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import nl.phaseout.engine.process.ProcessProperties;
import nl.phaseout.engine.system.Topics;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Drives and watches the engine's own ingestion: throughput over a backlog, and latency at a steady rate. */
final class EngineProbe {

	private static final String GROUP = "phaseout-engine";

	/** Phases an organisation is in before its baseline scan is known. */
	private static final String NOT_ADVANCED = "('APPLICABILITY', 'DECISION', 'INVENTORY')";

	private final MessageListenerContainer listener;

	private final JdbcTemplate jdbc;

	private final CommitClock clock;

	private final String workers;

	EngineProbe(ConfigurableApplicationContext app, CommitClock clock) {
		this.listener = listener(app);
		this.workers = app.getEnvironment().getProperty("phaseout.process.workers",
				app.getBean(ProcessProperties.class).workers() + " (default)");
		this.jdbc = app.getBean(JdbcTemplate.class);
		this.clock = clock;
	}

	static MessageListenerContainer listener(ConfigurableApplicationContext app) {
		return app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("inventory");
	}

	/**
	 * The workload is published first, so that the engine and the ceiling read the same backlog. While the
	 * listener is stopped, the commit clock starts watching the latency organisations' scans.
	 */
	void stopIngestion() {
		listener.stop();
		clock.watchScans(listener, Workload::isTimedOrganisation);
	}

	/** Starts the engine's consumer, for a run that skips {@link #ingest}. */
	void startIngestion() {
		listener.start();
	}

	/**
	 * From starting the engine's consumer on the backlog (joining the group included) to the moment every event
	 * is committed and every process advanced.
	 */
	void ingest(Settings settings, BenchmarkKafka kafka, Figures figures) throws Exception {
		int campaigns = settings.campaigns();
		CpuTime cpu = CpuTime.now(postgresBackends());
		long first = System.nanoTime();
		long events = settings.throughputEvents();
		// the second half is the warm one: the first warms the JIT on the projection's code, as a running engine has
		Warm warm = new Warm();
		listener.start();
		await("engine to commit every event and advance every organisation").atMost(Duration.ofMinutes(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				long lag = kafka.lag(GROUP, Topics.INVENTORY);
				if (warm.from == 0 && lag <= events / 2) {
					warm.from = System.nanoTime();
					warm.cpu = CpuTime.now(postgresBackends());
					warm.events = lag;
				}
				return lag == 0 && advanced("T%") == (long) settings.organisations() * campaigns;
			});
		long done = System.nanoTime();
		CpuTime used = CpuTime.now(postgresBackends()).minus(cpu);
		if (warm.events == 0) {
			// a workload so small that one poll took it all (the smoke test's): there is no warm half, only the whole
			warm.from = first;
			warm.cpu = cpu;
			warm.events = events;
		}
		CpuTime warmUsed = CpuTime.now(postgresBackends()).minus(warm.cpu);
		Long endpoints = jdbc.queryForObject(
				"SELECT SUM(total) FROM inv_endpoint_counts WHERE organisation_id LIKE 'T%'", Long.class);
		long expected = (long) settings.organisations() * settings.endpointsPerOrganisation() * campaigns;
		if (endpoints == null || endpoints != expected) {
			throw new IllegalStateException("Projection holds " + endpoints + " endpoint rows, expected " + expected);
		}
		double seconds = (done - first) / 1e9;
		double warmSeconds = (done - warm.from) / 1e9;
		figures.put("engine.rate", "engine: consumed, projected, committed, processes advanced (warm half)",
				warm.events / warmSeconds, Figures.Unit.EVENTS_PER_SECOND,
				String.format("the last %,d of %,d events in %.1f s, the first half having warmed the JVM; %,d endpoint"
						+ " rows projected (%d campaign(s)), %,d processes left the baseline wait; %d consumer"
						+ " thread(s)", warm.events, events, warmSeconds, endpoints, campaigns,
						settings.organisations() * campaigns, kafka.consumers()));
		figures.put("engine.rate.whole", "engine, every event from a cold start", events / seconds,
				Figures.Unit.EVENTS_PER_SECOND, String.format("%,d events in %.1f s, the JIT compiling the"
						+ " projection's code during the first half; %.1f µs of CPU per event", events, seconds,
						(used.processMillis() + used.postgresMillis()) * 1000 / events));
		double microsPerEvent = (warmUsed.processMillis() + warmUsed.postgresMillis()) * 1000 / warm.events;
		figures.put("engine.cpu.event", "of which CPU per event (JVM + database, warm half)", microsPerEvent,
				Figures.Unit.MICROS, String.format("%d campaign(s), each classifying every observation; the JVM"
						+ " (engine, broker, load generator) %.1f µs, PostgreSQL's processes %.1f µs; by thread, in µs an"
						+ " event (printed as ms a thousand): %s", campaigns,
						warmUsed.processMillis() * 1000 / warm.events, warmUsed.postgresMillis() * 1000 / warm.events,
						warmUsed.breakdown(6, warm.events / 1000.0)));
		if (campaigns > 1) {
			figures.put("engine.cpu.event.campaign", "of which CPU per event and campaign", microsPerEvent / campaigns,
					Figures.Unit.MICROS, "against one campaign: compare with engine.cpu.event of a run with"
							+ " -Dbenchmark.campaigns=1");
		}
	}

	/** Where the warm half of the engine's ingestion began: the time, the CPU used by then, the events left. */
	private static final class Warm {

		volatile long from;

		volatile CpuTime cpu;

		volatile long events;

	}

	/**
	 * Organisations waiting for their baseline get some observations (19 by default) and then the scan that
	 * lets the process leave the wait state, on a schedule at a steady rate. Latency is from the instant the
	 * scan was scheduled to be sent (not when the generator got to it: a generator held up must not hide the
	 * wait it caused) to the commit of the transaction that moved the process past the wait; and, for the way
	 * to the projection, to the commit of the ingestion transaction that projected the scan (both from the
	 * {@link CommitClock}, on the same clock). The first half of the organisations warm up, in the same stream
	 * at the same rate; the second half is measured.
	 */
	void latency(Settings settings, BenchmarkKafka kafka, Workload workload, Figures figures) {
		Map<String, Long> scheduledAt = new HashMap<>();
		long interval = TimeUnit.SECONDS.toNanos(1) / settings.eventsPerSecond();
		long start = System.nanoTime();
		long next = start;
		long behind = 0;
		int sent = 0;
		int measuredFrom = settings.latencyOrganisationsInAll() - settings.latencyOrganisations();
		int measuredEvents = 0;
		for (int i = 0; i < settings.latencyOrganisationsInAll(); i++) {
			String organisationId = Workload.latencyOrganisation(i);
			List<byte[]> observations = workload.observations(organisationId, settings.latencyObservations());
			for (int e = 0; e <= observations.size(); e++) {
				LockSupport.parkNanos(next - System.nanoTime());
				if (e < observations.size()) {
					kafka.publishNow(organisationId, observations.get(e));
				}
				else {
					if (i >= measuredFrom) {
						scheduledAt.put(organisationId, next);
					}
					kafka.publishNow(organisationId,
							workload.scanCompleted(organisationId, settings.latencyObservations()));
				}
				behind = Math.max(behind, System.nanoTime() - next);
				sent++;
				measuredEvents += i >= measuredFrom ? 1 : 0;
				next += interval;
			}
		}
		double offered = sent / ((System.nanoTime() - start) / 1e9);
		kafka.flushNow();
		// The latencies come from the commit clock, so how soon this notices does not count.
		await("every latency organisation's process to move past its baseline wait").atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> clock.processesMoved(Workload::isLatencyOrganisation) >= settings.latencyOrganisationsInAll());
		long[] micros = since(scheduledAt, clock::processMoved);
		long[] toProjection = since(scheduledAt, clock::scanProjected);
		figures.number("latency.count", micros.length);
		String over = String.format("over %,d threshold-crossing events (scan-completed at the baseline wait, one"
				+ " event in %d) among %,d events scheduled at %,d events/s (offered %,.0f, the generator at most"
				+ " %,.1f ms behind its schedule), after %,d more of the same to warm up", micros.length,
				settings.latencyObservations() + 1, measuredEvents, settings.eventsPerSecond(), offered,
				behind / 1e6, sent - measuredEvents);
		latency(figures, "latency.p50", "latency p50", micros, 50, over);
		latency(figures, "latency.p95", "latency p95", micros, 95,
				"scheduled send to the commit that moved the process");
		latency(figures, "latency.p99", "latency p99", micros, 99, "target at most 1,000 ms");
		latency(figures, "latency.max", "latency max", micros, 100, "");
		latency(figures, "projection.p50", "of which to the projection, p50", toProjection, 50,
				"scheduled send to the commit of the ingestion transaction that projected the scan");
		latency(figures, "projection.p99", "of which to the projection, p99", toProjection, 99,
				"the rest is the process-signal worker's");
	}

	/**
	 * The sustained rate at which processes advance: first a wave of other organisations goes the same way,
	 * not measured, so that the burst meets a JVM that has run the step before
	 * ({@link Settings#warmUpOrganisations}); then the organisations waiting for their baseline get their
	 * observations (projected, and every signal they caused delivered; then {@code settled} runs, on
	 * PostgreSQL an ANALYZE, as autovacuum would have made in a quiet minute); then every one's scan at once,
	 * as an inventory system catching up after an outage would send them. From the first scan handed to the
	 * producer to the commit that moved the last process past its baseline wait, by the {@link CommitClock};
	 * and the CPU time it took, by thread, and PostgreSQL's (the local server's processes).
	 */
	void advancement(Settings settings, BenchmarkKafka kafka, Workload workload, Figures figures, Runnable settled)
			throws Exception {
		int organisations = settings.burstOrganisations();
		int campaigns = settings.campaigns();
		long warmUp = wave(kafka, workload, settings, settings.warmUpOrganisations(), Workload::warmUpOrganisation,
				Workload::isWarmUpOrganisation);
		System.out.printf("advancement's first wave (not measured, it warms the JVM): %,d organisations past the"
				+ " baseline wait in %.2f s%n", settings.warmUpOrganisations(), warmUp / 1e9);
		publishObservations(kafka, workload, settings, organisations, Workload::burstOrganisation);
		settled.run();
		Map<String, Long> h2Before = h2Writes();
		boolean statements = Boolean.getBoolean("benchmark.statements") && !h2Before.isEmpty();
		if (statements) {
			jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 5000");
			jdbc.execute("SET QUERY_STATISTICS TRUE");
		}
		CpuTime cpu = CpuTime.now(postgresBackends());
		long first = System.nanoTime();
		publishScans(kafka, workload, settings, organisations, Workload::burstOrganisation);
		long published = System.nanoTime();
		await("every burst organisation's process to move past its baseline wait").atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> clock.processesMoved(Workload::isBurstOrganisation) >= organisations);
		CpuTime used = CpuTime.now(postgresBackends()).minus(cpu);
		System.out.println("CPU per advancement by thread: " + used.breakdown(8, organisations));
		Map<String, Long> h2After = h2Writes();
		if (statements) {
			printStatements(organisations);
		}
		if (!h2After.isEmpty()) {
			long writes = h2After.get("info.FILE_WRITE") - h2Before.get("info.FILE_WRITE");
			long bytes = h2After.get("info.FILE_WRITE_BYTES") - h2Before.get("info.FILE_WRITE_BYTES");
			System.out.printf("H2 during the burst: %,d writes (a chunk each: every page changed since the last),"
					+ " %.1f per advancement, %,.0f KiB written per advancement%n", writes,
					(double) writes / organisations, bytes / 1024.0 / organisations);
			long reads = h2After.get("info.FILE_READ") - h2Before.get("info.FILE_READ");
			System.out.printf("H2's page cache during the burst: %,d pages read from the file (cache misses), %.1f per"
					+ " advancement; cache %,d of %,d MB in use%n", reads, (double) reads / organisations,
					h2After.get("info.CACHE_SIZE"), h2After.get("info.CACHE_MAX_SIZE"));
		}
		long last = 0;
		long lastProjected = 0;
		for (int i = 0; i < organisations; i++) {
			last = Math.max(last, clock.processMoved(Workload.burstOrganisation(i)));
			Long projected = clock.scanProjected(Workload.burstOrganisation(i));
			lastProjected = Math.max(lastProjected, projected == null ? 0 : projected);
		}
		double seconds = (last - first) / 1e9;
		figures.put("advancement.rate", "advancement: processes moved a second, all scans at once",
				organisations / seconds, Figures.Unit.PER_SECOND,
				String.format("%,d organisations' scans published in %.2f s, projected %.2f s and all processes past"
						+ " the baseline wait %.2f s after the first; %s signal worker thread(s); %d campaign(s) with"
						+ " deadlines (%s), %,d processes moved", organisations, (published - first) / 1e9,
						(lastProjected - first) / 1e9, seconds, workers, campaigns, BenchmarkCampaigns.DEADLINES,
						organisations * campaigns));
		figures.put("advancement.cpu", "of which CPU per advancement, JVM", used.processMillis() / organisations,
				Figures.Unit.MILLIS, String.format("the whole JVM's CPU time over the burst (until the last process"
						+ " moved and a little after) per organisation; the signal workers' threads %.1f ms of it",
						used.threadMillis("process-signals") / organisations));
		figures.put("advancement.cpu.db", "of which CPU per advancement, database's processes",
				used.postgresMillis() / organisations, Figures.Unit.MILLIS,
				"the PostgreSQL backends serving the benchmark's database; H2 runs inside the JVM, so 0 on H2");
		double total = (used.processMillis() + used.postgresMillis()) / organisations;
		figures.put("advancement.cpu.total", "CPU per advancement, JVM + database", total, Figures.Unit.MILLIS,
				campaigns == 1 ? "per organisation moved past its baseline wait"
						: String.format("per organisation, its %d processes; %.2f ms per process (against one"
								+ " campaign)", campaigns, total / campaigns));
	}

	/** One wave of the advancement run, not measured: observations, then every scan at once; nanoseconds taken. */
	private long wave(BenchmarkKafka kafka, Workload workload, Settings settings, int organisations,
			IntFunction<String> organisation, Predicate<String> ofWave) {
		publishObservations(kafka, workload, settings, organisations, organisation);
		long first = System.nanoTime();
		publishScans(kafka, workload, settings, organisations, organisation);
		await("every organisation of the wave to move past its baseline wait").atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> clock.processesMoved(ofWave) >= organisations);
		return System.nanoTime() - first;
	}

	/** Every organisation's scan at once, as an inventory system catching up after an outage sends them. */
	private static void publishScans(BenchmarkKafka kafka, Workload workload, Settings settings, int organisations,
			IntFunction<String> organisation) {
		for (int i = 0; i < organisations; i++) {
			String organisationId = organisation.apply(i);
			kafka.publishNow(organisationId, workload.scanCompleted(organisationId, settings.latencyObservations()));
		}
		kafka.flushNow();
	}

	/** The organisations' observations before their scans, projected and their signals delivered. */
	private void publishObservations(BenchmarkKafka kafka, Workload workload, Settings settings, int organisations,
			IntFunction<String> organisation) {
		for (int i = 0; i < organisations; i++) {
			String organisationId = organisation.apply(i);
			for (byte[] observation : workload.observations(organisationId, settings.latencyObservations())) {
				kafka.publishNow(organisationId, observation);
			}
		}
		kafka.flushNow();
		await("the organisations' observations projected and their signals delivered")
			.atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> kafka.lag(GROUP, Topics.INVENTORY) == 0 && pendingSignals() == 0);
	}

	/**
	 * With {@code -Dbenchmark.statements=true} on H2 (a measurement by hand: the statistics cost time): the
	 * statements run during the burst, per advancement, the costliest first, from H2's query statistics.
	 */
	private void printStatements(int organisations) {
		double[] all = new double[2];
		List<String> lines = jdbc.query("SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME"
				+ " FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY CUMULATIVE_EXECUTION_TIME DESC", (rs, row) -> {
					all[0] += rs.getLong(2);
					all[1] += rs.getDouble(3);
					String sql = rs.getString(1).replaceAll("\\s+", " ");
					return String.format("%6.2f per advancement, %6.3f ms each, %s",
							rs.getLong(2) / (double) organisations, rs.getDouble(3) / rs.getLong(2),
							sql.length() > 160 ? sql.substring(0, 160) : sql);
				});
		System.out.printf("H2's statements during the burst: %.1f per advancement, %.2f ms of execution each"
				+ " advancement%n", all[0] / organisations, all[1] / organisations);
		lines.stream().limit(60).forEach(line -> System.out.println("  " + line));
		jdbc.execute("SET QUERY_STATISTICS FALSE");
	}

	/** H2's own count of its file writes and their bytes; empty on PostgreSQL. */
	private Map<String, Long> h2Writes() {
		String database = jdbc.execute(
				(ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName());
		if (!"H2".equals(database)) {
			return Map.of();
		}
		Map<String, Long> writes = new HashMap<>();
		jdbc.query("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
				+ " WHERE SETTING_NAME IN ('info.FILE_WRITE', 'info.FILE_WRITE_BYTES', 'info.FILE_READ',"
				+ " 'info.CACHE_SIZE', 'info.CACHE_MAX_SIZE')", rs -> {
					writes.put(rs.getString(1), Long.parseLong(rs.getString(2)));
				});
		return writes;
	}

	/** The PostgreSQL backends serving the benchmark's database; none on H2. */
	List<Long> postgresBackends() {
		String database = jdbc.execute(
				(ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName());
		if (!"PostgreSQL".equals(database)) {
			return List.of();
		}
		return jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE datname = current_database()", Long.class);
	}

	private long pendingSignals() {
		Long pending = jdbc.queryForObject("SELECT COUNT(*) FROM process_signal", Long.class);
		return pending == null ? 0 : pending;
	}

	private static void latency(Figures figures, String key, String label, long[] sortedMicros, double percentile,
			String note) {
		figures.put(key, label, Figures.percentile(sortedMicros, percentile) / 1000.0, Figures.Unit.MILLIS, note);
	}

	/** Sorted, in microseconds, from each organisation's scheduled instant to its commit. */
	private static long[] since(Map<String, Long> scheduledAt, Function<String, Long> committedAt) {
		return scheduledAt.entrySet().stream().mapToLong(scheduled -> {
			Long committed = committedAt.apply(scheduled.getKey());
			if (committed == null) {
				throw new IllegalStateException("No commit seen for " + scheduled.getKey());
			}
			return TimeUnit.NANOSECONDS.toMicros(committed - scheduled.getValue());
		}).sorted().toArray();
	}

	private long advanced(String organisations) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM participation WHERE organisation_id LIKE ? AND phase NOT IN "
				+ NOT_ADVANCED, Long.class, organisations);
	}

}
