package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.EndpointRepository.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import nl.phaseout.engine.inventory.ProcessSignal.Kind;
import nl.phaseout.engine.inventory.ProjectionResult.CampaignOrganisation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code inv_process_signal} table: appended in ingestion's transaction, drained by the worker. */
@Repository
class ProcessSignals {

	private static final int ERROR_LENGTH = 2000;

	/** Contract end dates are Dutch calendar days. */
	private static final ZoneId CONTRACT_DAYS = ZoneId.of("Europe/Amsterdam");

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ProcessSignals(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.clock = Clock.systemUTC();
	}

	/** Records what a projected batch must tell the process; returns how many signals it wrote. */
	int append(ProjectionResult result) {
		var now = timestamp(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		result.inventoryChanged().forEach(org -> rows.add(row(Kind.INVENTORY_CHANGED, null, org, now)));
		result.alternativesSelected().forEach(org -> rows.add(row(Kind.ALTERNATIVE_SELECTED, null, org, now)));
		result.contractsTerminated().forEach(org -> rows.add(row(Kind.CONTRACT_TERMINATED, null, org, now)));
		for (CampaignOrganisation pair : result.bannedAppeared()) {
			rows.add(row(Kind.BANNED_APPEARED, pair.campaignId(), pair.organisationId(), now));
		}
		jdbc.batchUpdate("INSERT INTO inv_process_signal (kind, campaign_id, organisation_id, created_at)"
				+ " VALUES (?, ?, ?, ?)", rows);
		// a contract that ends on a day to come counts on that day: tell the process again then
		List<Object[]> later = new ArrayList<>();
		result.contractsEnding().forEach((organisationId, endDate) -> {
			var due = endDate.atStartOfDay(CONTRACT_DAYS).toInstant();
			if (due.isAfter(clock.instant())) {
				later.add(new Object[] { Kind.CONTRACT_TERMINATED.name(), organisationId, now, timestamp(due) });
			}
		});
		jdbc.batchUpdate("INSERT INTO inv_process_signal (kind, organisation_id, created_at, next_attempt_at)"
				+ " VALUES (?, ?, ?, ?)", later);
		return rows.size();
	}

	/** The oldest signals that are due, at most {@code limit}. */
	List<ProcessSignal> due(int limit) {
		return jdbc.query("SELECT id, kind, campaign_id, organisation_id, attempts FROM inv_process_signal"
				+ " WHERE next_attempt_at IS NULL OR next_attempt_at <= ? ORDER BY id FETCH FIRST " + limit
				+ " ROWS ONLY", (rs, row) -> new ProcessSignal(rs.getLong("id"), Kind.valueOf(rs.getString("kind")),
						rs.getString("campaign_id"), rs.getString("organisation_id"), rs.getInt("attempts")),
				timestamp(clock.instant()));
	}

	void delete(Collection<ProcessSignal> signals) {
		jdbc.batchUpdate("DELETE FROM inv_process_signal WHERE id = ?",
				signals.stream().map(signal -> new Object[] { signal.id() }).toList());
	}

	/** Keeps the signals for another attempt after {@code delay}, with the error that stopped this one. */
	void postpone(Collection<ProcessSignal> signals, Duration delay, String error) {
		var next = timestamp(clock.instant().plus(delay));
		String message = error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error;
		jdbc.batchUpdate("UPDATE inv_process_signal SET attempts = attempts + 1, next_attempt_at = ?,"
				+ " last_error = ? WHERE id = ?",
				signals.stream().map(signal -> new Object[] { next, message, signal.id() }).toList());
	}

	long pending() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM inv_process_signal", Long.class);
		return count == null ? 0 : count;
	}

	private static Object[] row(Kind kind, String campaignId, String organisationId, Object at) {
		return new Object[] { kind.name(), campaignId, organisationId, at };
	}

}
