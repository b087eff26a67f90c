package nl.phaseout.engine.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.postgresql.core.BaseConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** H2 in the run's data directory, or a fresh PostgreSQL database created for the run and dropped after it. */
final class BenchmarkDatabase {

	/** The prod profile's settings the benchmark takes on PostgreSQL, as they are written there. */
	static final Map<String, String> PRODUCTION = productionSettings();

	private final Settings settings;

	private final Path dataDir;

	private final String postgresDatabase;

	private BenchmarkDatabase(Settings settings, Path dataDir, String postgresDatabase) {
		this.settings = settings;
		this.dataDir = dataDir;
		this.postgresDatabase = postgresDatabase;
	}

	static BenchmarkDatabase create(Settings settings, Path dataDir) throws SQLException {
		if (!settings.db().equals("postgres")) {
			return new BenchmarkDatabase(settings, dataDir, null);
		}
		String name = "phaseout_bench_" + System.currentTimeMillis();
		try (Connection connection = DriverManager.getConnection(settings.postgresUrl(), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return new BenchmarkDatabase(settings, dataDir, name);
	}

	/**
	 * Command-line arguments for the application. On PostgreSQL, besides the database: the prod profile's
	 * connection options and number of inventory consumers, read from its file, so that the benchmark runs
	 * with nothing production does not have.
	 */
	List<String> arguments() {
		List<String> args = new ArrayList<>();
		if (postgresDatabase != null) {
			String base = settings.postgresUrl().substring(0, settings.postgresUrl().lastIndexOf('/') + 1);
			args.add("--spring.datasource.url=" + base + postgresDatabase);
			args.add("--spring.datasource.username=postgres");
			args.add("--spring.datasource.password=");
			PRODUCTION.forEach((key, value) -> args.add("--" + key + "=" + value));
		}
		return args;
	}

	private static Map<String, String> productionSettings() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application-prod.yaml"));
		Map<String, String> taken = new TreeMap<>();
		// the values as YAML typed them (true is a Boolean): every key, not only those of String values
		yaml.getObject().forEach((key, value) -> {
			if (key.toString().startsWith("spring.datasource.hikari.")
					|| key.equals("spring.kafka.listener.concurrency")) {
				taken.put(key.toString(), value.toString());
			}
		});
		return taken;
	}

	/** On PostgreSQL also whether the driver rewrites batched inserts, as it says itself. */
	String describe(JdbcTemplate jdbc) {
		if (postgresDatabase == null) {
			return "H2 (file, " + dataDir.resolve("h2") + ")";
		}
		Boolean rewrites = jdbc.execute((ConnectionCallback<Boolean>) connection -> connection
			.unwrap(BaseConnection.class)
			.getQueryExecutor()
			.isReWriteBatchedInsertsEnabled());
		return "PostgreSQL (" + postgresDatabase + ") with application-prod.yaml's " + PRODUCTION
				+ "; the driver rewrites batched inserts: " + rewrites;
	}

	/**
	 * After a bulk load, PostgreSQL plans from its statistics, which autovacuum refreshes in time (this
	 * machine's server runs with autovacuum off). Loaded in minutes, Camunda's tables would be planned as if
	 * still empty: the benchmark runs ANALYZE, as an operator does after loading data in bulk. H2 needs nothing.
	 */
	void afterBulkLoad(JdbcTemplate jdbc) {
		if (postgresDatabase != null) {
			jdbc.execute("ANALYZE");
		}
	}

	long sizeInBytes(JdbcTemplate jdbc) {
		if (postgresDatabase != null) {
			return jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
		}
		try (Stream<Path> files = Files.walk(dataDir.resolve("h2"))) {
			return files.filter(Files::isRegularFile).mapToLong(BenchmarkDatabase::size).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * On PostgreSQL, ANALYZE every {@code every} until closed, in place of the autovacuum this machine's server
	 * runs without: the benchmark's tables grow twentyfold within a phase of a minute, and a planner left with
	 * the statistics of their smaller selves scans whole tables for what an index finds (seen: 14,000 sequential
	 * scans of {@code inv_scan} in the latency run). A production server with autovacuum on analyzes a table
	 * once a tenth of it has changed, looking every minute, on tables that are rarely new. H2 needs nothing.
	 */
	AutoCloseable analyzeEvery(Duration every, JdbcTemplate jdbc) {
		if (postgresDatabase == null) {
			return () -> {
			};
		}
		var analyzer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "benchmark-analyze");
			thread.setDaemon(true);
			return thread;
		});
		analyzer.scheduleWithFixedDelay(() -> {
			try {
				jdbc.execute("ANALYZE");
			}
			catch (RuntimeException ex) {
				System.err.println("ANALYZE failed: " + ex.getMessage());
			}
		}, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
		return analyzer::shutdownNow;
	}

	/** Drops the PostgreSQL database, and deletes the data directory (H2's file, the broker's log). */
	void drop() {
		deleteDataDirectory();
		if (postgresDatabase == null) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(settings.postgresUrl(), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop " + postgresDatabase + ": " + ex.getMessage());
		}
	}

	private void deleteDataDirectory() {
		try (Stream<Path> files = Files.walk(dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("Could not delete " + dataDir + ": " + ex.getMessage());
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
