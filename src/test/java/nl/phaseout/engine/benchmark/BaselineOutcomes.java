package nl.phaseout.engine.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where each mandatory organisation's process must stand once its baseline scan has moved it, worked
 * out from the very observations published for it by the contract's rules, and every way the
 * database says otherwise. A scan that covers every endpoint leaves {@code Wait_InventoryBaseline}
 * for one of three places: a banned product on any endpoint (Kaspersky antivirus, in any state) opens
 * {@code Task_ReviewContracts}; otherwise the baseline is the verification scan, and an endpoint
 * without an active antivirus makes it not clean, back to rollout with {@code Task_ResolveProtectionGap};
 * a clean one opens {@code Task_SignOffVerification}. Each task once, and nothing else open.
 */
final class BaselineOutcomes {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String CAMPAIGN = "kaspersky-av-2018";

	private static final String BASELINE_WAIT = "Wait_InventoryBaseline";

	enum Outcome {

		CONTRACT_REVIEW("CONTRACT_REVIEW", "Task_ReviewContracts"),
		PROTECTION_GAP("ROLLOUT", "Task_ResolveProtectionGap"),
		SIGN_OFF("SIGN_OFF", "Task_SignOffVerification");

		final String phase;

		final String task;

		Outcome(String phase, String task) {
			this.phase = phase;
			this.task = task;
		}

	}

	private final Map<String, Outcome> expected = new TreeMap<>();

	private final Map<String, Integer> endpoints = new HashMap<>();

	/** The organisation's observations as published, one endpoint each, all covered by its scan. */
	void add(String organisationId, List<byte[]> observations) {
		boolean banned = false;
		boolean unprotected = false;
		for (byte[] observation : observations) {
			boolean activeAntivirus = false;
			for (JsonNode product : read(observation).path("data").path("products")) {
				boolean antivirus = product.path("category").asText().equals("antivirus");
				if (antivirus && product.path("vendor").asText().toLowerCase().startsWith("kaspersky")) {
					banned = true;
				}
				activeAntivirus |= antivirus && product.path("state").asText().equals("active");
			}
			unprotected |= !activeAntivirus;
		}
		expected.put(organisationId,
				banned ? Outcome.CONTRACT_REVIEW : unprotected ? Outcome.PROTECTION_GAP : Outcome.SIGN_OFF);
		endpoints.put(organisationId, observations.size());
	}

	/** How many organisations go to each place, for the report. */
	Map<Outcome, Integer> counts() {
		Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
		expected.values().forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
		return counts;
	}

	/** Every organisation still waiting for its baseline, of every campaign's processes. */
	static long waitingForBaseline(JdbcTemplate db) {
		return db.queryForObject("SELECT COUNT(*) FROM act_ru_event_subscr WHERE activity_id_ = ?", Long.class,
				BASELINE_WAIT);
	}

	/**
	 * One line per organisation and aspect that differs: its phase, its open tasks, the tasks ever
	 * created for it (Camunda's history: none twice), its live endpoints; and any organisation the
	 * engine holds that was not expected, or any process still at the baseline wait.
	 */
	List<String> differences(JdbcTemplate db) {
		Map<String, String> phases = new HashMap<>();
		db.query("SELECT organisation_id, phase FROM participation WHERE campaign_id = ?",
				rs -> {
					phases.put(rs.getString(1), rs.getString(2));
				}, CAMPAIGN);
		Map<String, List<String>> open = new HashMap<>();
		db.query("SELECT e.business_key_, t.task_def_key_ FROM act_ru_task t JOIN act_ru_execution e"
				+ " ON e.id_ = t.proc_inst_id_ ORDER BY 1, 2", rs -> {
					open.computeIfAbsent(rs.getString(1), org -> new ArrayList<>()).add(rs.getString(2));
				});
		Map<String, Map<String, Integer>> created = new HashMap<>();
		db.query("SELECT p.business_key_, t.task_def_key_, COUNT(*) FROM act_hi_taskinst t"
				+ " JOIN act_hi_procinst p ON p.id_ = t.proc_inst_id_ GROUP BY p.business_key_, t.task_def_key_", rs -> {
					created.computeIfAbsent(rs.getString(1), org -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
				});
		Map<String, Long> live = new HashMap<>();
		db.query("SELECT organisation_id, total FROM inv_endpoint_counts WHERE campaign_id = ?", rs -> {
			live.put(rs.getString(1), rs.getLong(2));
		}, CAMPAIGN);

		List<String> differences = new ArrayList<>();
		expected.forEach((org, outcome) -> {
			differ(differences, org, "phase", outcome.phase, phases.get(org));
			differ(differences, org, "open tasks", List.of(outcome.task), open.getOrDefault(org, List.of()));
			differ(differences, org, "tasks ever created", Map.of(outcome.task, 1), created.getOrDefault(org, Map.of()));
			differ(differences, org, "live endpoints", (long) endpoints.get(org), live.get(org));
		});
		phases.keySet()
			.stream()
			.filter(org -> !expected.containsKey(org))
			.sorted()
			.forEach(org -> differences.add(org + ": not registered by the benchmark, yet in phase " + phases.get(org)));
		long waiting = waitingForBaseline(db);
		if (waiting != 0) {
			differences.add(waiting + " process(es) still at " + BASELINE_WAIT);
		}
		return differences;
	}

	private static void differ(List<String> differences, String org, String aspect, Object expected, Object actual) {
		if (!expected.equals(actual)) {
			differences.add(org + " " + aspect + ": expected " + expected + " but was " + actual);
		}
	}

	private static JsonNode read(byte[] event) {
		try {
			return JSON.readTree(event);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
