package nl.phaseout.engine.benchmark.staleness;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statements staleness runs, as the inventory package writes them (copied: keep them in step with
 * EndpointRepository, CountsRepository), explained with the database's own EXPLAIN ANALYZE on real
 * parameters, and read back: which index or which full scan each uses, and the rows it read; also the
 * median time of seven executions of the statement itself on PostgreSQL, the time of one after the EXPLAIN on
 * H2 (which answers a repeat from its last result).
 */
final class StalePlans {

	private static final Pattern POSTGRES_SCAN = Pattern.compile(
			"(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan|Bitmap Index Scan)(?: Backward)?(?: using (\\S+))? on"
					+ " (\\S+).*?actual time=[\\d.]+\\.\\.[\\d.]+ rows=(\\d+)");

	private static final Pattern H2_SCAN = Pattern.compile("/\\* PUBLIC\\.([A-Z0-9_]+)(\\.tableScan|:)");

	private static final Pattern H2_COUNT = Pattern.compile("scanCount: (\\d+)");

	private final JdbcTemplate jdbc;

	private final boolean postgres;

	StalePlans(JdbcTemplate jdbc, boolean postgres) {
		this.jdbc = jdbc;
		this.postgres = postgres;
	}

	/** One statement's plan, read back. */
	record Plan(String name, String when, String access, boolean fullScanOfEndpoints, double millis) {
	}

	List<Plan> perEvent(String organisationId, Instant clock, List<String> endpointIds) {
		String campaign = StaleEstate.CAMPAIGN;
		Instant threshold = clock.minus(StaleEstate.STALE_AFTER);
		List<Plan> plans = new ArrayList<>();
		plans.add(plan("counts lock", "every batch, per organisation",
				"SELECT campaign_id, organisation_id, total, banned, protected_count, unprotected, stale, retired,"
						+ " inventory_time, inventory_clock, stale_after, rolling_since FROM inv_endpoint_counts"
						+ " WHERE campaign_id IN (?) AND organisation_id IN (?) ORDER BY organisation_id, campaign_id"
						+ " FOR UPDATE",
				campaign, organisationId));
		List<Object> find = new ArrayList<>(List.of(campaign, organisationId));
		find.addAll(endpointIds);
		String in = endpointIds.stream().map(id -> "?").collect(Collectors.joining(", "));
		plans.add(postgres
				? plan("endpoint rows (find)", "every batch, per organisation",
						"SELECT campaign_id, organisation_id, endpoint_id, observed_at, retired_at, state, banned_products,"
								+ " last_event_source, last_event_id, products FROM inv_endpoint WHERE campaign_id = ?"
								+ " AND organisation_id = ? AND endpoint_id IN (" + in + ")",
						find.toArray())
				: plan("endpoint rows (find)", "every batch, per organisation",
						"SELECT campaign_id, organisation_id, endpoint_id, observed_at, retired_at, state, banned_products,"
								+ " last_event_source, last_event_id, products FROM inv_endpoint WHERE (campaign_id,"
								+ " organisation_id, endpoint_id) IN (" + endpointIds.stream()
									.map(id -> "(?, ?, ?)")
									.collect(Collectors.joining(", ")) + ")",
						endpointIds.stream().flatMap(id -> List.<Object>of(campaign, organisationId, id).stream())
							.toArray()));
		plans.add(freshUntil("freshUntil: endpoints crossing the threshold", "when a batch moves the clock (a day here)",
				organisationId, threshold.minus(java.time.Duration.ofDays(1)), threshold));
		plans.add(plan("latestObservation (clock)", "once per organisation and setting",
				"SELECT MAX(observed_at) AS latest FROM inv_endpoint WHERE campaign_id = ? AND organisation_id = ?",
				campaign, organisationId));
		plans.add(plan("tally (count afresh)", "once per organisation and setting (StaleRecount)",
				"SELECT retired, state, old, COUNT(*) AS n FROM (SELECT retired, state, CASE WHEN observed_at < ?"
						+ " THEN 1 ELSE 0 END AS old FROM inv_endpoint WHERE campaign_id = ? AND organisation_id = ?) e"
						+ " GROUP BY retired, state, old",
				at(threshold), campaign, organisationId));
		plans.add(plan("liveObservedBy (rolling)", "per batch, rolling organisations only",
				"SELECT endpoint_id FROM inv_endpoint WHERE campaign_id = ? AND organisation_id = ?"
						+ " AND observed_at <= ? AND retired = FALSE FETCH FIRST 1 ROWS ONLY",
				campaign, organisationId, at(threshold)));
		plans.add(plan("latestLiveObservation (rolling)", "per rolling scan",
				"SELECT MAX(observed_at) AS latest FROM inv_endpoint WHERE campaign_id = ?"
						+ " AND organisation_id = ? AND retired = FALSE",
				campaign, organisationId));
		plans.add(plan("countedWithOtherStaleAfter (StaleRecount page)", "at start, after a setting changed",
				"SELECT organisation_id FROM inv_endpoint_counts WHERE campaign_id = ? AND organisation_id > ?"
						+ " AND (stale_after IS NULL OR stale_after <> ?) ORDER BY organisation_id FETCH FIRST 500 ROWS ONLY",
				campaign, "", java.time.Duration.ofDays(7).toString()));
		return plans;
	}

	/** The range a clock moving from {@code from + staleAfter} to {@code to + staleAfter} reads. */
	Plan freshUntil(String name, String when, String organisationId, Instant from, Instant to) {
		return plan(name, when,
				"SELECT state, COUNT(*) AS n FROM inv_endpoint WHERE campaign_id = ? AND organisation_id = ?"
						+ " AND observed_at < ? AND observed_at >= ? AND retired = FALSE AND state <> 'BANNED'"
						+ " GROUP BY state",
				StaleEstate.CAMPAIGN, organisationId, at(to), at(from));
	}

	private Plan plan(String name, String when, String sql, Object... params) {
		List<String> lines = jdbc.queryForList((postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ") + sql,
				String.class, params);
		String text = String.join("\n", lines);
		List<String> accesses = new ArrayList<>();
		boolean full = false;
		if (postgres) {
			Matcher scan = POSTGRES_SCAN.matcher(text);
			while (scan.find()) {
				String target = scan.group(2) == null ? scan.group(3) : scan.group(2) + " on " + scan.group(3);
				accesses.add(scan.group(1) + " " + target + " (" + scan.group(4) + " rows)");
				full |= scan.group(1).equals("Seq Scan") && scan.group(3).equals("inv_endpoint");
			}
		}
		else {
			Matcher scan = H2_SCAN.matcher(text);
			Matcher count = H2_COUNT.matcher(text);
			while (scan.find()) {
				boolean table = scan.group(2).equals(".tableScan");
				String rows = count.find(scan.end()) ? " (scanCount " + count.group(1) + ")" : "";
				accesses.add((table ? "table scan of " : "index ") + scan.group(1).toLowerCase() + rows);
				full |= table && scan.group(1).equals("INV_ENDPOINT");
			}
		}
		// H2 answers a statement repeated on unchanged tables from its last result: there only the first counts
		long[] nanos = new long[postgres ? 7 : 1];
		for (int i = 0; i < nanos.length; i++) {
			long began = System.nanoTime();
			jdbc.queryForList(sql, params);
			nanos[i] = System.nanoTime() - began;
		}
		Arrays.sort(nanos);
		return new Plan(name, when, accesses.isEmpty() ? text.replace('\n', ' ') : String.join("; ", accesses), full,
				nanos[nanos.length / 2] / 1e6);
	}

	private static Object at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
