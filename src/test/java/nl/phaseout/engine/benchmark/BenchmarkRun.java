package nl.phaseout.engine.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nl.phaseout.engine.PhaseoutEngineApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Boots the application on a fresh data directory with free ports, then measures, in this order:
 * registering the organisations, publishing the workload, the Kafka ceiling, the engine's ingestion,
 * publish-to-advance latency at a steady rate, the naive baseline, and the human side's queries.
 * Prints a table; passes or fails on nothing but errors.
 */
public final class Benchmark {

	static final String ADMIN = "bench";

	/** Every user of the benchmark's: long enough for the password policy, and none's name. */
	static final String PASSWORD = "correct-horse-battery-staple";

	/** Prefix of the machine-readable lines after the table, one per figure. */
	static final String FIGURE = "benchmark.figure.";

	private final Settings settings;

	Benchmark(Settings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.fromSystemProperties();
		Figures figures = new Benchmark(settings).run();
		figures.print(System.out, "phaseout-engine benchmark, scale " + settings.scale() + ", " + settings.db());
		figures.numbers.forEach((key, value) -> System.out.println(FIGURE + key + "=" + value));
		System.exit(0);
	}

	Figures run() throws Exception {
		Figures figures = new Figures();
		Path dataDir = Files.createTempDirectory("phaseout-bench-");
		BenchmarkDatabase database = BenchmarkDatabase.create(settings, dataDir);
		machine(figures, database);
		try (HeapSampler heap = new HeapSampler()) {
			ConfigurableApplicationContext app = boot(dataDir, database);
			try {
				measure(app, figures, database);
				JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
				figures.number("heap.peak", heap.peakUsed());
				figures.put("peak heap (sampled every 50 ms)", Figures.mib(heap.peakUsed()),
						"-Xmx " + Figures.mib(Runtime.getRuntime().maxMemory())
								+ "; one JVM holds engine, broker and load generator; sum of pool peaks "
								+ Figures.mib(HeapSampler.sumOfPoolPeaks()));
				figures.number("heap.after.gc", heap.peakAfterGc());
				figures.put("peak heap in use after a collection", Figures.mib(heap.peakAfterGc()),
						"the most the application held; the figure above includes garbage not collected yet");
				long size = database.sizeInBytes(jdbc);
				figures.number("db.bytes", size);
				figures.put("database size afterwards", Figures.mib(size), database.describe());
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

	private void measure(ConfigurableApplicationContext app, Figures figures, BenchmarkDatabase database)
			throws Exception {
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		String bootstrap = app.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
		int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
		EngineProbe engine = new EngineProbe(app);
		engine.stopIngestion();
		HumanSide human = new HumanSide(port, app);
		human.register(settings, figures);
		database.afterBulkLoad(jdbc);

		Workload workload = new Workload(42, Instant.parse("2026-11-01T08:00:00Z"));
		try (BenchmarkKafka kafka = new BenchmarkKafka(bootstrap)) {
			kafka.publishThroughputWorkload(settings, workload, figures);
			kafka.ceiling(settings.throughputEvents(), figures);
			engine.ingest(settings, kafka, figures);
			database.afterBulkLoad(jdbc);
			engine.latency(settings, kafka, workload, figures);
			new NaiveBaseline(app, kafka).run(settings, workload, figures);
		}
		double engineRate = figures.get("engine.rate");
		figures.put("engine / ceiling", String.format("%.1f %%", 100 * engineRate / figures.get("ceiling.rate")),
				"target at least 25 %");
		figures.put("engine / naive", String.format("%.1f x", engineRate / figures.get("naive.rate")),
				"target at least 20 x");
		human.queries(figures);
	}

	private static void machine(Figures figures, BenchmarkDatabase database) {
		figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
				+ Figures.mib(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
					.getTotalMemorySize())
				+ " RAM, " + System.getProperty("os.name") + ", Java " + System.getProperty("java.version"),
				database.describe() + ", embedded single-node KRaft broker, 3 partitions");
	}

	private static ConfigurableApplicationContext boot(Path dataDir, BenchmarkDatabase database) {
		List<String> args = new ArrayList<>(List.of("--spring.profiles.active=benchmark", "--server.port=0",
				"--phaseout.kafka.embedded.port=0", "--phaseout.data-dir=" + dataDir,
				"--phaseout.admin.user=" + ADMIN, "--phaseout.admin.password=" + PASSWORD,
				"--camunda.bpm.admin-user.id=" + ADMIN, "--camunda.bpm.admin-user.password=" + PASSWORD,
				"--phaseout.inventory.trusted-sources=" + Workload.SOURCE,
				"--logging.level.root=WARN", "--spring.main.banner-mode=off"));
		args.addAll(database.arguments());
		return new SpringApplication(PhaseoutEngineApplication.class).run(args.toArray(String[]::new));
	}

}
