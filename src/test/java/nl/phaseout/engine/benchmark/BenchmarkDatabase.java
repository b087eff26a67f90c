package nl.phaseout.engine.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

/** H2 in the run's data directory, or a fresh PostgreSQL database created for the run and dropped after it. */
final class BenchmarkDatabase {

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

	/** Command-line arguments for the application. */
	List<String> arguments() {
		List<String> args = new ArrayList<>();
		if (postgresDatabase != null) {
			String base = settings.postgresUrl().substring(0, settings.postgresUrl().lastIndexOf('/') + 1);
			args.add("--spring.datasource.url=" + base + postgresDatabase + "?reWriteBatchedInserts=true");
			args.add("--spring.datasource.username=postgres");
			args.add("--spring.datasource.password=");
			// As the prod profile does for PostgreSQL: one inventory consumer per partition.
			args.add("--spring.kafka.listener.concurrency=3");
		}
		return args;
	}

	String describe() {
		return postgresDatabase == null ? "H2 (file, " + dataDir.resolve("h2") + ")"
				: "PostgreSQL (" + postgresDatabase + ")";
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

	void drop() {
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

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
