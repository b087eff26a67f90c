package nl.phaseout.engine.benchmark.staleness;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import nl.phaseout.engine.PhaseoutEngineApplication;
import nl.phaseout.engine.benchmark.staleness.StalePlans.Plan;
import nl.phaseout.engine.benchmark.staleness.StalenessStream.Measured;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What staleness costs at 10,000 organisations and 1,000,000 endpoints, on H2 or PostgreSQL
 * ({@code -Dstaleness.db=postgres}: a fresh database on 127.0.0.1:5432, created and dropped, with the prod
 * profile's connection options and consumer count). One JVM boots the application on free ports and a
 * temporary data directory, then:
 * <ol>
 * <li>registers the small database's 100 organisations over HTTP and writes their endpoints into the
 * application's tables ({@link StaleEstate});</li>
 * <li>streams check-ins (observations that move each organisation's clock by a day, and scans) of a warm-up set,
 * then of a measured set, through the real broker ({@link StalenessStream});</li>
 * <li>registers the other 9,900 and writes the rest of the 1,000,000 endpoints, then streams the same check-ins
 * of a third set of the same sizes: per-event cost large against small;</li>
 * <li>explains the statements staleness runs per event ({@link StalePlans});</li>
 * <li>how stale endpoints are found as time passes: the recount loop's work over an idle window, one scan after
 * 30 days of silence, and a full recount after the campaign's {@code staleAfter} changed (and back);</li>
 * <li>{@code GET /office} as the office and {@code GET /api/campaigns/{id}/progress}, 21 calls after 5.</li>
 * </ol>
 * It prints a table; it passes or fails on nothing but errors (and counts that disagree with the rows).
 */
public final class StalenessBenchmark {

	private static final String USER = "bench";

	private static final String OFFICE_USER = "office-bench";

	private static final String PASSWORD = "correct-horse-battery-staple";

	private static final int ROUNDS = 4;

	private final List<String[]> rows = new ArrayList<>();

	public static void main(String[] args) throws Exception {
		double scale = Double.parseDouble(System.getProperty("staleness.scale", "1"));
		String db = System.getProperty("staleness.db", "h2");
		String url = System.getProperty("staleness.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
		int status = new StalenessBenchmark().run(scale, db, url);
		System.exit(status);
	}

	int run(double scale, String db, String postgresUrl) throws Exception {
		Path dataDir = Files.createTempDirectory("phaseout-stale-");
		StaleDatabase database = StaleDatabase.create(db, postgresUrl, dataDir);
		long began = System.nanoTime();
		try {
			ConfigurableApplicationContext app = boot(dataDir, database);
			try {
				int mismatches = measure(app, database, scale);
				print(app, database, scale, (System.nanoTime() - began) / 1e9);
				return mismatches == 0 ? 0 : 1;
			}
			finally {
				app.close();
			}
		}
		finally {
			database.drop();
		}
	}

	private int measure(ConfigurableApplicationContext app, StaleDatabase database, double scale) throws Exception {
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		DataSource dataSource = app.getBean(DataSource.class);
		String base = "http://localhost:" + ((ServletWebServerApplicationContext) app).getWebServer().getPort();
		StaleEstate estate = new StaleEstate(scale, Instant.now().truncatedTo(ChronoUnit.MINUTES));
		int organisations = estate.organisations();
		StalePlans plans = new StalePlans(jdbc, database.postgres());
		int mismatches = 0;

		// 1 and 2: the small database, a warm-up stream, the measured stream
		double registered = estate.register(base, USER, PASSWORD, 0, StaleEstate.SMALL);
		double loaded = estate.load(dataSource, 0, StaleEstate.SMALL);
		database.analyze(jdbc);
		long smallEndpoints = estate.endpoints(0, StaleEstate.SMALL);
		log("small database: %d organisations, %,d endpoints (registered %.1f s, rows %.1f s)", StaleEstate.SMALL,
				smallEndpoints, registered, loaded);
		Measured small;
		try (StalenessStream stream = new StalenessStream(app, database)) {
			Measured warm = stream.publishAndWait(StalenessStream.checkIns(estate, StaleEstate.set(0), ROUNDS));
			log("warm-up stream: %,d events in %.2f s", warm.events(), warm.seconds());
			small = stream.publishAndWait(StalenessStream.checkIns(estate, StaleEstate.set(1), ROUNDS));
			log("small: %s", small);
		}
		mismatches += check(jdbc, IntStream.range(0, 2 * StaleEstate.SET).toArray(), "after the small stream");

		// 1: the large database
		// -Dstaleness.register=http: the rest over HTTP too, each with its process (minutes more)
		boolean http = "http".equals(System.getProperty("staleness.register"));
		double registeredRest = http ? estate.register(base, USER, PASSWORD, StaleEstate.SMALL, organisations)
				: estate.registerRows(dataSource, StaleEstate.SMALL, organisations);
		double loadedRest = estate.load(dataSource, StaleEstate.SMALL, organisations);
		database.analyze(jdbc);
		long endpoints = jdbc.queryForObject("SELECT COUNT(*) FROM inv_endpoint", Long.class);
		long registeredInAll = jdbc.queryForObject("SELECT COUNT(*) FROM organisation", Long.class);
		row("1. load", String.format("%,d organisations registered (%d by CSV import over HTTP, with processes: %.1f s;"
				+ " %,d %s: %.1f s), %,d endpoint rows (bulk SQL into inv_endpoint and inv_endpoint_counts: %.1f s +"
				+ " %.1f s)", registeredInAll, StaleEstate.SMALL, registered, organisations - StaleEstate.SMALL,
				http ? "over HTTP too" : "as organisation and participation rows, no process", registeredRest,
				endpoints, loaded, loadedRest),
				String.format("spread: clocks 10-12 days back, observations 60 %% within a week, 10 %% within 12 h of"
						+ " staleAfter, 5 %% stale; %,d stale in all", jdbc.queryForObject(
								"SELECT SUM(stale) FROM inv_endpoint_counts", Long.class)));

		// 2: the same stream on the large database
		Measured large;
		try (StalenessStream stream = new StalenessStream(app, database)) {
			large = stream.publishAndWait(StalenessStream.checkIns(estate, StaleEstate.set(2), ROUNDS));
			log("large: %s", large);
		}
		mismatches += check(jdbc, IntStream.range(2 * StaleEstate.SET, 3 * StaleEstate.SET).toArray(),
				"after the large stream");
		ingestion(small, large, smallEndpoints, endpoints, database.postgres());

		// 2: the plans, for the largest organisation of the last stream
		int biggest = 2 * StaleEstate.SET;
		Instant clock = estate.clock(biggest).plus(Duration.ofDays(ROUNDS));
		boolean fullScan = false;
		for (Plan plan : plans.perEvent(StaleEstate.id(biggest), clock, List.of(StaleEstate.endpointId(biggest, 1),
				StaleEstate.endpointId(biggest, 2), StaleEstate.endpointId(biggest, 3)))) {
			row("2. plan: " + plan.name(), String.format("%s, %.2f ms", plan.access(), plan.millis()),
					plan.when() + (plan.fullScanOfEndpoints() ? ": FULL SCAN of inv_endpoint" : ""));
			fullScan |= plan.fullScanOfEndpoints() && plan.when().startsWith("every batch");
		}
		row("2. verdict", fullScan ? "a statement run per event scans inv_endpoint whole: NOT met"
				: "no statement run per event or per clock move scans inv_endpoint whole: met", "");

		// 3: time passing without events; 4: the office. A failing phase is a row of the table, not the end of it.
		mismatches += phase("3. idle", () -> {
			idle(app, jdbc, database.postgres());
			return 0;
		});
		mismatches += phase("3. jump", () -> jump(app, database, estate, plans));
		mismatches += phase("3. recount", () -> recount(app, database, jdbc, "P7D", organisations));
		mismatches += phase("3. recount back", () -> recount(app, database, jdbc, "P14D", organisations));
		mismatches += phase("4. office", () -> {
			office(app, database, jdbc, base);
			return 0;
		});
		return mismatches;
	}

	private interface Phase {

		int run() throws Exception;

	}

	private int phase(String name, Phase phase) {
		try {
			return phase.run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			row(name, "FAILED: " + ex, "");
			return 1;
		}
	}

	private void ingestion(Measured small, Measured large, long smallEndpoints, long endpoints, boolean postgres) {
		row("2. stream, small database", describe(small), String.format("%,d endpoints; %d organisations x %d"
				+ " check-ins (half their endpoints observed again, one new, a scan; clock +1 day each)", smallEndpoints,
				StaleEstate.SET, ROUNDS));
		row("2. stream, large database", describe(large),
				String.format("%,d endpoints; the same check-ins for other organisations of the same sizes", endpoints));
		double consumers = large.micros(large.consumerCpu()) / small.micros(small.consumerCpu());
		double process = large.micros(large.processCpu()) / small.micros(small.processCpu());
		String ratios = String.format("consumer CPU %.2fx, JVM CPU %.2fx, rate %.2fx", consumers, process,
				small.rate() / large.rate());
		if (postgres) {
			ratios += String.format(", PostgreSQL CPU %.2fx", large.micros(large.postgresCpu())
					/ small.micros(small.postgresCpu()));
		}
		row("2. per-event cost, large / small", ratios, String.format("%,d against %,d endpoints (%.0fx the table):"
				+ " no full-table scan per event: %s", endpoints, smallEndpoints, (double) endpoints / smallEndpoints,
				consumers < 1.5 ? "met" : "NOT met"));
	}

	private static String describe(Measured m) {
		String text = String.format("%,d events in %.2f s: %,.0f events/s; CPU per event: consumer %.0f µs, JVM %.0f µs",
				m.events(), m.seconds(), m.rate(), m.micros(m.consumerCpu()), m.micros(m.processCpu()));
		return m.postgresCpu() > 0 ? text + String.format(", PostgreSQL %.0f µs; inv_endpoint blocks per event: %.1f"
				+ " in shared buffers, %.2f read from outside", m.micros(m.postgresCpu()),
				(double) m.blocksHit() / m.events(), (double) m.blocksRead() / m.events())
				+ (m.fullScans().isEmpty() ? "" : "; tables read whole: " + m.fullScans()) : text;
	}

	/**
	 * No events for 15 s: what the stale-recount loop (awake every second) spends, and on PostgreSQL what
	 * anything read from inv_endpoint (its statistics, after 11 s for the backends to flush theirs).
	 */
	private void idle(ConfigurableApplicationContext app, JdbcTemplate jdbc, boolean postgres) throws Exception {
		Thread.sleep(11_000);
		String stats = "SELECT COALESCE(seq_scan, 0) || ' ' || COALESCE(seq_tup_read, 0) || ' ' || COALESCE(idx_scan, 0)"
				+ " || ' ' || COALESCE(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE relname = 'inv_endpoint'";
		String before = postgres ? jdbc.queryForObject(stats, String.class) : null;
		double cpu = threadCpuMillis("stale-recount");
		Thread.sleep(15_000);
		cpu = threadCpuMillis("stale-recount") - cpu;
		String note = "the loop wakes every second and asks nothing once the campaign's setting is counted";
		if (postgres) {
			long[] b = Arrays.stream(before.split(" ")).mapToLong(Long::parseLong).toArray();
			long[] a = Arrays.stream(jdbc.queryForObject(stats, String.class).split(" ")).mapToLong(Long::parseLong)
				.toArray();
			note = String.format("inv_endpoint meanwhile (pg_stat_user_tables): %d full scans (%d rows), %d index"
					+ " scans (%d rows); ", a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]) + note;
		}
		row("3. 15 s without events", String.format("stale-recount thread: %.1f ms CPU; stale counts unchanged", cpu),
				note);
	}

	/** One scan after 30 days of silence: the clock jumps, and all of the organisation's fresh endpoints go stale. */
	private int jump(ConfigurableApplicationContext app, StaleDatabase database, StaleEstate estate, StalePlans plans)
			throws Exception {
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		String id = StaleEstate.id(StaleEstate.JUMP);
		Instant completedAt = estate.start.minus(Duration.ofMinutes(1));
		Plan plan = plans.freshUntil("freshUntil", "", id, estate.clock(StaleEstate.JUMP).minus(StaleEstate.STALE_AFTER),
				completedAt.minus(StaleEstate.STALE_AFTER));
		Map<String, Object> before = counts(jdbc, id);
		Measured jump;
		try (StalenessStream stream = new StalenessStream(app, database)) {
			jump = stream.publishAndWait(List.<ProducerRecord<String, byte[]>>of(
					StalenessStream.scan(id, "after-silence-" + id, completedAt, estate.size(StaleEstate.JUMP))));
		}
		Map<String, Object> after = counts(jdbc, id);
		row("3. a scan after 30 days of silence", String.format("%.0f ms from send to committed; stale %s -> %s,"
				+ " protected %s -> %s", jump.seconds() * 1e3, before.get("stale"), after.get("stale"),
				before.get("protected_count"), after.get("protected_count")),
				String.format("%,d endpoints; the range read: %s, %.2f ms", estate.size(StaleEstate.JUMP), plan.access(),
						plan.millis()));
		return check(jdbc, new int[] { StaleEstate.JUMP }, "after the jump");
	}

	/** The campaign's staleAfter changed: the recount loop counts every organisation afresh, one a transaction. */
	private int recount(ConfigurableApplicationContext app, StaleDatabase database, JdbcTemplate jdbc,
			String staleAfter, int organisations) throws Exception {
		long rowsRead = jdbc.queryForObject("SELECT SUM(total + retired) FROM inv_endpoint_counts WHERE campaign_id = ?",
				Long.class, StaleEstate.CAMPAIGN);
		double cpu = threadCpuMillis("stale-recount");
		double postgres = database.backendCpuSeconds(jdbc);
		long began = System.nanoTime();
		jdbc.update("UPDATE campaign SET stale_after = ? WHERE id = ?", staleAfter, StaleEstate.CAMPAIGN);
		String left = "SELECT COUNT(*) FROM inv_endpoint_counts WHERE campaign_id = ? AND (stale_after IS NULL"
				+ " OR stale_after <> ?)";
		// the rows keep the setting as Duration writes it (PT168H for P7D)
		String written = Duration.parse(staleAfter).toString();
		// polled seldom: the poll reads the 10,000 counts rows whole, and PostgreSQL's CPU below would count it
		await("the recount to " + staleAfter).atMost(Duration.ofMinutes(15))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> jdbc.queryForObject(left, Long.class, StaleEstate.CAMPAIGN, written) == 0);
		double seconds = (System.nanoTime() - began) / 1e9;
		cpu = threadCpuMillis("stale-recount") - cpu;
		postgres = database.backendCpuSeconds(jdbc) - postgres;
		long stale = jdbc.queryForObject("SELECT SUM(stale) FROM inv_endpoint_counts", Long.class);
		row("3. recount after staleAfter changed to " + staleAfter, String.format("%.1f s for %,d organisations"
				+ " (%.2f ms each); stale-recount thread %.1f s CPU%s", seconds, organisations, seconds * 1e3
						/ organisations, cpu / 1e3, postgres > 0 ? String.format(", PostgreSQL %.1f s", postgres) : ""),
				String.format("reads every endpoint row once (%,d, one aggregate per organisation on its index range)"
						+ " and writes %,d counts rows; %,d stale after", rowsRead, organisations, stale));
		int[] sample = IntStream.concat(IntStream.range(0, StaleEstate.SMALL),
				IntStream.iterate(StaleEstate.SMALL, i -> i < organisations, i -> i + 97)).toArray();
		return check(jdbc, sample, "after the recount to " + staleAfter);
	}

	private static double processCpuSeconds() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1e9;
	}

	private void office(ConfigurableApplicationContext app, StaleDatabase database, JdbcTemplate jdbc, String base)
			throws Exception {
		// the recount's and the jump's signals to the processes delivered first, so that the pages are timed alone
		try {
			await("the processes' signals delivered").atMost(Duration.ofMinutes(3))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM process_signal", Long.class) == 0);
		}
		catch (ConditionTimeoutException stillDelivering) {
			// timed all the same, as before: the pages must answer while the workers run too
		}
		IdentityService identity = app.getBean(IdentityService.class);
		if (identity.createGroupQuery().groupId("phaseout-office").count() == 0) {
			throw new IllegalStateException("No group phaseout-office to put the office user in");
		}
		User user = identity.newUser(OFFICE_USER);
		user.setPassword(PASSWORD);
		user.setFirstName("Bench");
		user.setLastName("Office");
		identity.saveUser(user);
		identity.createMembership(OFFICE_USER, "phaseout-office");
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		for (String path : List.of("/office", "/api/campaigns/" + StaleEstate.CAMPAIGN + "/progress")) {
			long[] millis = new long[21];
			int bytes = 0;
			double cpu = 0;
			double postgres = 0;
			for (int i = -5; i < millis.length; i++) {
				if (i == 0) {
					cpu = processCpuSeconds();
					postgres = database.backendCpuSeconds(jdbc);
				}
				long began = System.nanoTime();
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
					.header("Authorization", basic(OFFICE_USER, PASSWORD))
					.timeout(Duration.ofMinutes(1))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(path + " answered " + response.statusCode());
				}
				if (i >= 0) {
					millis[i] = Math.round((System.nanoTime() - began) / 1e6);
				}
				bytes = response.body().length();
				if (path.equals("/office") && !response.body().contains("Verouderd") && !response.body().contains("tale")) {
					log("note: /office does not name stale endpoints (neither 'Verouderd' nor 'stale')");
				}
			}
			// CPU per call says what a call costs whatever else the machine is doing, as its time cannot
			cpu = (processCpuSeconds() - cpu) * 1e3 / millis.length;
			postgres = (database.backendCpuSeconds(jdbc) - postgres) * 1e3 / millis.length;
			Arrays.sort(millis);
			long target = path.equals("/office") ? 1_000 : 200;
			row("4. GET " + path.replace(StaleEstate.CAMPAIGN, "{id}"),
					String.format("median %d ms, p95 %d ms; CPU per call: JVM %.0f ms%s", millis[10], millis[19], cpu,
							database.postgres() ? String.format(", PostgreSQL %.0f ms", postgres) : ""),
					String.format("21 calls after 5 as the office (%,d characters); target at most %,d ms: %s", bytes,
							target, millis[10] <= target ? "met" : "NOT met"));
		}
	}

	/**
	 * Whether each organisation's counts row says what its endpoint rows say under its clock and setting:
	 * banned, stale, and fresh protected and unprotected. Prints and returns the disagreements.
	 */
	private static int check(JdbcTemplate jdbc, int[] organisations, String when) {
		int wrong = 0;
		for (int organisation : organisations) {
			String id = StaleEstate.id(organisation);
			Map<String, Object> row = counts(jdbc, id);
			Instant clock = ((java.time.OffsetDateTime) jdbc.queryForObject("SELECT inventory_clock FROM"
					+ " inv_endpoint_counts WHERE campaign_id = ? AND organisation_id = ?",
					(rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class), StaleEstate.CAMPAIGN, id)).toInstant();
			Instant threshold = clock.minus(Duration.parse((String) row.get("stale_after")));
			long[] expected = new long[4];
			jdbc.query("SELECT state, CASE WHEN observed_at < ? THEN 1 ELSE 0 END AS old, COUNT(*) AS n FROM inv_endpoint"
					+ " WHERE campaign_id = ? AND organisation_id = ? AND retired = FALSE GROUP BY state, old", rs -> {
						String state = rs.getString("state");
						int slot = state.equals("BANNED") ? 0 : rs.getInt("old") == 1 ? 1 : state.equals("PROTECTED") ? 2 : 3;
						expected[slot] += rs.getLong("n");
					}, threshold.atOffset(ZoneOffset.UTC), StaleEstate.CAMPAIGN, id);
			long[] counted = { number(row, "banned"), number(row, "stale"), number(row, "protected_count"),
					number(row, "unprotected") };
			if (!Arrays.equals(expected, counted)) {
				wrong++;
				log("MISMATCH %s %s: counted banned/stale/protected/unprotected %s, the rows say %s", when, id,
						Arrays.toString(counted), Arrays.toString(expected));
			}
		}
		log("counts agree with the rows %s: %d of %d organisations", when, organisations.length - wrong,
				organisations.length);
		return wrong;
	}

	private static Map<String, Object> counts(JdbcTemplate jdbc, String id) {
		return jdbc.queryForMap("SELECT banned, stale, protected_count, unprotected, stale_after FROM inv_endpoint_counts"
				+ " WHERE campaign_id = ? AND organisation_id = ?", StaleEstate.CAMPAIGN, id);
	}

	private static long number(Map<String, Object> row, String column) {
		return ((Number) row.get(column)).longValue();
	}

	private static double threadCpuMillis(String name) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long nanos = 0;
		for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().equals(name)) {
				nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return nanos / 1e6;
	}

	private void row(String measure, String figure, String note) {
		rows.add(new String[] { measure, figure, note });
		log("%s: %s (%s)", measure, figure, note);
	}

	private void print(ConfigurableApplicationContext app, StaleDatabase database, double scale, double seconds) {
		StringBuilder out = new StringBuilder("\n== Staleness benchmark ==\n");
		out.append(String.format("commit %s, %s, scale %s, %s, %d cores, -Xmx %d MiB, load average %s, run %.0f s%n",
				commit(), database.describe(app.getBean(JdbcTemplate.class)), scale, System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), seconds));
		out.append("\n| point | figure | notes and verdict |\n|---|---|---|\n");
		rows.forEach(r -> out.append("| ").append(String.join(" | ", r)).append(" |\n"));
		System.out.println(out);
	}

	private static String commit() {
		try {
			// -Dstaleness.repo: the checkout the classes were built from, when not run from it
			Process git = new ProcessBuilder("git", "-C", System.getProperty("staleness.repo", "."), "describe",
					"--always", "--dirty").start();
			String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return git.waitFor() == 0 ? commit : "unknown";
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static void log(String format, Object... args) {
		System.out.printf("[staleness %tT] %s%n", Instant.now().atOffset(ZoneOffset.UTC), String.format(format, args));
	}

	private static ConfigurableApplicationContext boot(Path dataDir, StaleDatabase database) {
		List<String> args = new ArrayList<>(List.of("--spring.profiles.active=benchmark", "--server.port=0",
				"--phaseout.kafka.embedded.port=0", "--phaseout.data-dir=" + dataDir, "--phaseout.admin.user=" + USER,
				"--phaseout.admin.password=" + PASSWORD, "--camunda.bpm.admin-user.id=" + USER,
				"--camunda.bpm.admin-user.password=" + PASSWORD,
				"--phaseout.inventory.trusted-sources=" + StalenessStream.SOURCE, "--logging.level.root=WARN",
				"--spring.main.banner-mode=off"));
		args.addAll(database.arguments());
		return new SpringApplication(PhaseoutEngineApplication.class).run(args.toArray(String[]::new));
	}

}
