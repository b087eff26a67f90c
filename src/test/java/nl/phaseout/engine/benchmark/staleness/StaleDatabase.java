package nl.phaseout.engine.benchmark.staleness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2 in a temporary data directory, or a fresh PostgreSQL database created for the run and dropped after it,
 * with the {@code prod} profile's connection options and inventory listener concurrency, as the main benchmark
 * takes them (its class is package-private to its package, so the few lines are repeated here).
 */
final class StaleDatabase {

	private final String postgresUrl;

	private final Path dataDir;

	private final String postgresDatabase;

	private StaleDatabase(String postgresUrl, Path dataDir, String postgresDatabase) {
		this.postgresUrl = postgresUrl;
		this.dataDir = dataDir;
		this.postgresDatabase = postgresDatabase;
	}

	static StaleDatabase create(String db, String postgresUrl, Path dataDir) throws SQLException {
		if (db.equals("h2")) {
			return new StaleDatabase(postgresUrl, dataDir, null);
		}
		if (!db.equals("postgres")) {
			throw new IllegalArgumentException("staleness.db is h2 or postgres, not '" + db + "'");
		}
		String name = "phaseout_stale_" + System.currentTimeMillis();
		try (Connection connection = DriverManager.getConnection(postgresUrl, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return new StaleDatabase(postgresUrl, dataDir, name);
	}

	boolean postgres() {
		return postgresDatabase != null;
	}

	List<String> arguments() {
		List<String> args = new ArrayList<>();
		if (postgres()) {
			String base = postgresUrl.substring(0, postgresUrl.lastIndexOf('/') + 1);
			args.add("--spring.datasource.url=" + base + postgresDatabase);
			args.add("--spring.datasource.username=postgres");
			args.add("--spring.datasource.password=");
			production().forEach((key, value) -> args.add("--" + key + "=" + value));
		}
		return args;
	}

	String describe(JdbcTemplate jdbc) {
		if (!postgres()) {
			return "H2 " + jdbc.queryForObject("SELECT H2VERSION()", String.class) + " (file)";
		}
		return jdbc.queryForObject("SELECT version()", String.class).replaceAll(" on .*", "")
				+ " with application-prod.yaml's " + production();
	}

	/** As an operator does after a bulk load (this machine's server runs without autovacuum); H2 needs nothing. */
	void analyze(JdbcTemplate jdbc) {
		if (postgres()) {
			jdbc.execute("ANALYZE");
		}
	}

	/**
	 * CPU seconds used so far by this database's backends (user and system, from {@code /proc}), so that other
	 * databases on the shared server are not counted; 0 on H2.
	 */
	double backendCpuSeconds(JdbcTemplate jdbc) {
		if (!postgres()) {
			return 0;
		}
		double seconds = 0;
		for (Integer pid : jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
				Integer.class)) {
			seconds += processCpuSeconds(pid);
		}
		return seconds;
	}

	/**
	 * inv_endpoint's blocks (table and indexes) found in shared buffers and read from outside them so far, on
	 * PostgreSQL; read after 11 s, when every backend has reported its share (an idle one reports within 10 s).
	 */
	long[] blocks(JdbcTemplate jdbc) throws InterruptedException {
		if (!postgres()) {
			return new long[2];
		}
		Thread.sleep(11_000);
		return jdbc.queryForObject("SELECT heap_blks_hit + COALESCE(idx_blks_hit, 0), heap_blks_read"
				+ " + COALESCE(idx_blks_read, 0) FROM pg_statio_user_tables WHERE relname = 'inv_endpoint'",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) });
	}

	/** Per table, full scans and the rows they read so far (PostgreSQL's statistics); empty on H2. */
	Map<String, long[]> fullScans(JdbcTemplate jdbc) {
		Map<String, long[]> scans = new TreeMap<>();
		if (postgres()) {
			jdbc.query("SELECT relname, COALESCE(seq_scan, 0), COALESCE(seq_tup_read, 0) FROM pg_stat_user_tables",
					rs -> {
						scans.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
					});
		}
		return scans;
	}

	/** The tables read whole most (by rows) between two readings of {@link #fullScans}. */
	static String fullScansBetween(Map<String, long[]> before, Map<String, long[]> after, int events) {
		return after.entrySet()
			.stream()
			.map(e -> Map.entry(e.getKey(), new long[] { e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
					e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1] }))
			.filter(e -> e.getValue()[1] > 0)
			.sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
			.limit(4)
			.map(e -> String.format("%s %,d scans, %.1f rows an event", e.getKey(), e.getValue()[0],
					(double) e.getValue()[1] / events))
			.collect(java.util.stream.Collectors.joining(", "));
	}

	static double processCpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// utime and stime are fields 14 and 15 of the line, 12 and 13 after the command; in ticks of 1/100 s
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (IOException | RuntimeException gone) {
			return 0;
		}
	}

	private static Map<String, String> production() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application-prod.yaml"));
		Map<String, String> taken = new TreeMap<>();
		yaml.getObject().forEach((key, value) -> {
			if (key.toString().startsWith("spring.datasource.hikari.")
					|| key.equals("spring.kafka.listener.concurrency")) {
				taken.put(key.toString(), value.toString());
			}
		});
		return taken;
	}

	void drop() {
		try (Stream<Path> files = Files.walk(dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("Could not delete " + dataDir + ": " + ex.getMessage());
		}
		if (!postgres()) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(postgresUrl, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop " + postgresDatabase + ": " + ex.getMessage());
		}
	}

}
