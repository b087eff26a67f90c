package nl.phaseout.engine.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nl.phaseout.engine.PhaseoutEngineApplication;
import nl.phaseout.engine.benchmark.Figures.Unit;
import nl.phaseout.engine.system.Topics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One run of the benchmark, in a JVM of its own (the {@link Benchmark} starts it): boots the application on
 * a fresh data directory and database with free ports, then measures, in this order: registering the
 * organisations, the naive baseline (before any of the engine's load), publishing the workload, the Kafka
 * ceiling, the engine's ingestion, latency at a steady rate, and the human side's queries. Emits its figures
 * as machine-readable lines; passes or fails on nothing but errors.
 */
final class BenchmarkRun {

	/**
	 * {@code -Dbenchmark.only=advancement}: registration and the advancement burst only, on a database that
	 * holds the registrations alone; for a quick comparison of two builds, not for the table in docs/performance.md.
	 */
	private static final boolean ADVANCEMENT_ONLY = "advancement".equals(System.getProperty("benchmark.only"));

	/**
	 * {@code -Dbenchmark.only=ingestion}: the ceilings and the engine's ingestion alone, for an A/B or a profile of
	 * the consumer (no naive baseline, latency or advancement).
	 */
	private static final boolean INGESTION_ONLY = "ingestion".equals(System.getProperty("benchmark.only"));

	/** {@code -Dbenchmark.only=latency}: registration and the latency run alone. */
	private static final boolean LATENCY_ONLY = "latency".equals(System.getProperty("benchmark.only"));

	/**
	 * {@code -Dbenchmark.durable=false} leaves the durable ceiling out: it writes as many rows into the same
	 * database just before the engine's phase, which an A/B of the engine's ingestion may want without.
	 */
	private static final boolean DURABLE = !"false".equals(System.getProperty("benchmark.durable"));

	private final Settings settings;

	BenchmarkRun(Settings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) throws Exception {
		new BenchmarkRun(Settings.fromSystemProperties()).run().emit(System.out);
		System.exit(0);
	}

	Figures run() throws Exception {
		Figures figures = new Figures();
		Path dataDir = Files.createTempDirectory("phaseout-bench-");
		BenchmarkDatabase database = BenchmarkDatabase.create(settings, dataDir);
		CommitClock clock = new CommitClock(settings.campaigns());
		try (HeapSampler heap = new HeapSampler()) {
			long start = System.nanoTime();
			ConfigurableApplicationContext app = boot(dataDir, database, clock);
			try {
				measure(app, figures, database, clock);
				heap(figures, heap, (System.nanoTime() - start) / 1e9);
				long size = database.sizeInBytes(app.getBean(JdbcTemplate.class));
				figures.put("db.bytes", "database size afterwards", size, Unit.BYTES,
						database.describe(app.getBean(JdbcTemplate.class)));
			}
			finally {
				app.close();
			}
		}
		finally {
			database.drop();
		}
		return figures;
	}

	private void measure(ConfigurableApplicationContext app, Figures figures, BenchmarkDatabase database,
			CommitClock clock) throws Exception {
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
		EngineProbe engine = new EngineProbe(app, clock);
		engine.stopIngestion();
		HumanSide human = new HumanSide(port, app);
		// Each its own generator, so that the engine's workload is the same whatever the baseline takes.
		Instant observedAt = Instant.parse("2026-11-01T08:00:00Z");
		Workload workload = new Workload(42, observedAt);
		// Created before registering: the baseline's topics have settled by the time it publishes on them.
		try (BenchmarkKafka kafka = new BenchmarkKafka(app, EngineProbe.listener(app));
				AutoCloseable analyzer = database.analyzeEvery(Duration.ofSeconds(10), jdbc)) {
			human.register(settings, figures);
			database.afterBulkLoad(jdbc);
			if (LATENCY_ONLY) {
				engine.startIngestion();
				engine.latency(settings, kafka, workload, figures);
				return;
			}
			if (ADVANCEMENT_ONLY) {
				engine.startIngestion();
				engine.advancement(settings, kafka, workload, figures, () -> database.afterBulkLoad(jdbc));
				return;
			}
			if (!INGESTION_ONLY) {
				new NaiveBaseline(app, kafka).run(settings, new Workload(7, observedAt), figures);
			}
			kafka.publishThroughputWorkload(settings, workload, figures);
			kafka.ceiling(settings.throughputEvents(), figures);
			if (DURABLE) {
				new DurableCeiling(app, kafka, BenchmarkCampaigns.ids(settings.campaigns()),
						engine::postgresBackends)
					.measure(Topics.INVENTORY, settings.throughputEvents(), figures);
			}
			database.afterBulkLoad(jdbc);
			engine.ingest(settings, kafka, figures);
			if (INGESTION_ONLY) {
				ratios(figures);
				return;
			}
			database.afterBulkLoad(jdbc);
			engine.latency(settings, kafka, workload, figures);
			engine.advancement(settings, kafka, workload, figures, () -> database.afterBulkLoad(jdbc));
		}
		ratios(figures);
		double engineRate = figures.get("engine.rate");
		figures.put("engine.naive", "engine / naive", engineRate / figures.get("naive.rate"), Unit.TIMES,
				"target at least 20 x");
		figures.put("engine.naive.density", "engine / naive at equal density",
				engineRate / figures.get("naive.density.rate"), Unit.TIMES,
				String.format("both with one event in %,d crossing a threshold; the engine projects every event, the"
						+ " naive pattern only reads it", settings.endpointsPerOrganisation() + 1));
		human.queries(figures);
	}

	private static void ratios(Figures figures) {
		double engineRate = figures.get("engine.rate");
		figures.put("engine.ceiling", "engine / raw ceiling", engineRate / figures.get("ceiling.rate"), Unit.RATIO,
				"read and parse alone: no target");
		if (DURABLE) {
			figures.put("engine.durable", "engine / durable ceiling", engineRate / figures.get("durable.rate"),
					Unit.RATIO, "target at least 0.85");
		}
	}

	private static void heap(Figures figures, HeapSampler heap, double seconds) {
		String max = Figures.mib(Runtime.getRuntime().maxMemory());
		figures.put("heap.after.gc", "heap in use right after a collection, most", heap.peakAfterGc(), Unit.BYTES,
				"what the application held (one JVM holds engine, broker and load generator); -Xmx " + max
						+ "; target at most 1 GiB");
		figures.put("heap.peak", "heap in use, sampled every 50 ms, most", heap.peakUsed(), Unit.BYTES,
				"garbage not collected yet included, so bound to stay under -Xmx: no target");
		HeapSampler.Pauses pauses = heap.pauses();
		figures.put("gc.pauses", "GC pauses, total", pauses.totalMillis(), Unit.MILLIS,
				String.format("%,d collections, the longest %,d ms, %.2f %% of the run's %,.0f s (boot included)",
						pauses.count(), pauses.longestMillis(), pauses.totalMillis() / 10.0 / seconds, seconds));
	}

	/**
	 * The commit clock joins the application as a process engine plugin, from outside its code. The logging is
	 * the application's own configuration (application.yaml's levels, INFO otherwise), as production has it; the
	 * campaigns have deadlines, as real ones do ({@link BenchmarkCampaigns}).
	 */
	private ConfigurableApplicationContext boot(Path dataDir, BenchmarkDatabase database, CommitClock clock) {
		List<String> args = new ArrayList<>(List.of("--spring.profiles.active=benchmark", "--server.port=0",
				"--phaseout.kafka.embedded.port=0", "--phaseout.data-dir=" + dataDir,
				"--phaseout.admin.user=" + Benchmark.ADMIN, "--phaseout.admin.password=" + Benchmark.PASSWORD,
				"--camunda.bpm.admin-user.id=" + Benchmark.ADMIN,
				"--camunda.bpm.admin-user.password=" + Benchmark.PASSWORD,
				"--phaseout.inventory.trusted-sources=" + Workload.SOURCE, "--spring.main.banner-mode=off"));
		args.addAll(BenchmarkCampaigns.arguments(settings.campaigns()));
		args.addAll(database.arguments());
		SpringApplication application = new SpringApplication(PhaseoutEngineApplication.class);
		application.addInitializers(
				context -> context.getBeanFactory().registerSingleton("benchmarkCommitClock", clock));
		return application.run(args.toArray(String[]::new));
	}

}
