package nl.phaseout.engine.robust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the engine holds of each organisation, read from its database: endpoint counts, phase and
 * open tasks, how often each task was ever created (Camunda's history), how many process
 * instances run, and the closure record, each entry reduced to what does not depend on the
 * engine's clock ({@link #entry}). Compared as a whole, organisation by organisation, in one campaign
 * (tasks and instances are the campaign's by their row in {@code process_participant}).
 */
record EngineState(Map<String, Counts> counts, Map<String, Standing> standings,
		Map<String, Map<String, Integer>> createdTasks, Map<String, Integer> runningInstances,
		Map<String, List<String>> records) {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PROCESS = "phaseout-organisation";

	record Counts(long total, long banned, long protectedCount, long unprotected, long retired) {
	}

	/** A phase and the open tasks, sorted: a task open twice shows twice. */
	record Standing(String phase, List<String> openTasks) {

		Standing {
			openTasks = openTasks.stream().sorted().toList();
		}

	}

	static EngineState read(JdbcTemplate db) {
		return read(db, StagedCampaign.CAMPAIGN);
	}

	static EngineState read(JdbcTemplate db, String campaignId) {
		Map<String, Counts> counts = new TreeMap<>();
		db.query("SELECT organisation_id, total, banned, protected_count, unprotected, retired FROM inv_endpoint_counts"
				+ " WHERE campaign_id = ?", rs -> {
					counts.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
							rs.getLong(6)));
				}, campaignId);
		Map<String, Map<String, Integer>> created = new TreeMap<>();
		db.query("SELECT p.business_key_, t.task_def_key_, COUNT(*) FROM act_hi_taskinst t"
				+ " JOIN act_hi_procinst p ON p.id_ = t.proc_inst_id_"
				+ " JOIN process_participant pp ON pp.process_instance_id = p.id_ WHERE p.proc_def_key_ = ?"
				+ " AND pp.campaign_id = ? GROUP BY p.business_key_, t.task_def_key_", rs -> {
					created.computeIfAbsent(rs.getString(1), org -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
				}, PROCESS, campaignId);
		Map<String, Integer> running = new TreeMap<>();
		db.query("SELECT e.business_key_, COUNT(*) FROM act_ru_execution e JOIN process_participant pp"
				+ " ON pp.process_instance_id = e.id_ WHERE e.id_ = e.proc_inst_id_ AND e.proc_def_id_ LIKE ?"
				+ " AND pp.campaign_id = ? GROUP BY e.business_key_",
				rs -> {
					running.put(rs.getString(1), rs.getInt(2));
				}, PROCESS + ":%", campaignId);
		Map<String, List<String>> records = new TreeMap<>();
		db.query("SELECT organisation_id, kind, actor, data FROM record_entry WHERE campaign_id = ? ORDER BY id", rs -> {
			records.computeIfAbsent(rs.getString(1), org -> new ArrayList<>())
				.add(entry(rs.getString(2), rs.getString(3), rs.getString(4)));
		}, campaignId);
		return new EngineState(counts, standings(db, campaignId), created, running, records);
	}

	/** Phases and open tasks only: cheap enough to poll while a stage settles. */
	static Map<String, Standing> standings(JdbcTemplate db) {
		return standings(db, StagedCampaign.CAMPAIGN);
	}

	static Map<String, Standing> standings(JdbcTemplate db, String campaignId) {
		Map<String, String> phases = new TreeMap<>();
		db.query("SELECT organisation_id, phase FROM participation WHERE campaign_id = ?",
				rs -> {
					phases.put(rs.getString(1), rs.getString(2));
				}, campaignId);
		Map<String, List<String>> tasks = new TreeMap<>();
		db.query("SELECT e.business_key_, t.task_def_key_ FROM act_ru_task t JOIN act_ru_execution e"
				+ " ON e.id_ = t.proc_inst_id_ JOIN process_participant pp ON pp.process_instance_id = t.proc_inst_id_"
				+ " WHERE pp.campaign_id = ?", rs -> {
					tasks.computeIfAbsent(rs.getString(1), org -> new ArrayList<>()).add(rs.getString(2));
				}, campaignId);
		Map<String, Standing> standings = new TreeMap<>();
		phases.forEach((org, phase) -> standings.put(org, new Standing(phase, tasks.getOrDefault(org, List.of()))));
		tasks.keySet()
			.stream()
			.filter(org -> !phases.containsKey(org))
			.forEach(org -> standings.put(org, new Standing(null, tasks.get(org))));
		return standings;
	}

	/**
	 * A record entry as the model writes it: its kind, what identifies it (scan, verdict, task,
	 * decision) and who; not when, nor process instance ids.
	 */
	static String entry(String kind, String actor, String json) {
		JsonNode data;
		try {
			data = JSON.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A record entry is not JSON: " + json, ex);
		}
		StringBuilder entry = new StringBuilder(kind);
		switch (kind) {
			case "APPLICABILITY" -> entry.append(' ').append(data.path("applicability").asText());
			case "BASELINE_SCAN" -> entry.append(' ')
				.append(data.path("scanId").asText())
				.append(" total=").append(data.path("total").asLong())
				.append(" banned=").append(data.path("banned").asLong())
				.append(" unprotected=").append(data.path("unprotected").asLong());
			case "VERIFICATION_SCAN" -> entry.append(' ')
				.append(data.path("scanId").asText())
				.append(' ')
				.append(data.path("verdict").asText());
			case "DECISION" -> {
				entry.append(' ').append(data.path("task").asText());
				for (String choice : List.of("signOff", "phaseOut")) {
					if (data.path("outcome").has(choice)) {
						entry.append(' ').append(choice).append('=').append(data.path("outcome").path(choice).asText());
					}
				}
			}
			case "SIGN_OFF" -> entry.append(" signOff=").append(data.path("signOff").asText());
			case "REGRESSION" -> entry.append(" banned=").append(data.path("banned").asLong());
			default -> {
			}
		}
		if (actor != null) {
			entry.append(" by ").append(actor);
		}
		return entry.toString();
	}

	/** Every way this state differs from the expected one, one line per organisation and aspect. */
	List<String> differencesFrom(EngineState expected) {
		List<String> differences = new ArrayList<>();
		differences.addAll(differences("counts", expected.counts, counts));
		differences.addAll(differences("standing", expected.standings, standings));
		differences.addAll(differences("tasks ever created", expected.createdTasks, createdTasks));
		differences.addAll(differences("running process instances", expected.runningInstances, runningInstances));
		differences.addAll(differences("record", expected.records, records));
		return differences;
	}

	/** Absent and empty are the same: an organisation with no task has no rows. */
	static <V> List<String> differences(String aspect, Map<String, V> expected, Map<String, V> actual) {
		List<String> differences = new ArrayList<>();
		TreeSet<String> organisations = new TreeSet<>(expected.keySet());
		organisations.addAll(actual.keySet());
		for (String org : organisations) {
			Object want = orNone(expected.get(org));
			Object got = orNone(actual.get(org));
			if (!Objects.equals(want, got)) {
				differences.add(org + " " + aspect + ": expected " + want + " but was " + got);
			}
		}
		return differences;
	}

	private static Object orNone(Object value) {
		if (value == null || value instanceof Map<?, ?> map && map.isEmpty()
				|| value instanceof List<?> list && list.isEmpty() || Integer.valueOf(0).equals(value)) {
			return "none";
		}
		return value;
	}

}
