package nl.phaseout.engine.process;

import static nl.phaseout.engine.system.SqlTime.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The process's inbox, the {@code process_signal} table: others record {@link Signal}s in their
 * own transaction, the process's {@link SignalWorker} delivers them in transactions of its own
 * and is woken by the inbox once the recording transaction has committed. A row is deleted once
 * delivered; a delivery that fails stays, with its error, and is tried again later.
 */
@Repository
public class ProcessInbox {

	private static final int ERROR_LENGTH = 2000;

	private final JdbcTemplate jdbc;

	private final Clock clock = Clock.systemUTC();

	private volatile Runnable onCommit = () -> {
	};

	public ProcessInbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the signals in the caller's transaction; the worker hears of them after it commits
	 * (at once when there is none). A signal due later waits until then; one whose moment has
	 * passed is due now. Returns how many it recorded.
	 */
	public int record(Collection<Signal> signals) {
		if (signals.isEmpty()) {
			return 0;
		}
		Instant now = clock.instant();
		List<Object[]> rows = new ArrayList<>(signals.size());
		for (Signal signal : signals) {
			Instant due = signal.due() != null && signal.due().isAfter(now) ? signal.due() : null;
			rows.add(new Object[] { signal.kind().name(), signal.campaignId(), signal.organisationId(), timestamp(now),
					timestamp(due) });
		}
		jdbc.batchUpdate("INSERT INTO process_signal (kind, campaign_id, organisation_id, created_at, next_attempt_at)"
				+ " VALUES (?, ?, ?, ?, ?)", rows);
		wakeAfterCommit();
		return rows.size();
	}

	private void wakeAfterCommit() {
		Runnable wake = onCommit;
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			wake.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				wake.run();
			}

		});
	}

	/** Who is woken once recorded signals have committed: the worker. */
	void onCommit(Runnable wake) {
		this.onCommit = wake;
	}

	/**
	 * The oldest signals that are due, at most {@code limit}. Read, not claimed: two nodes' workers
	 * may deliver the same signal, which is safe (delivery is at least once, every call idempotent)
	 * but wasted; claiming rows ({@code FOR UPDATE SKIP LOCKED}) and splitting organisations among
	 * several workers would start here and in {@link SignalWorker#deliverDue()}.
	 */
	List<Recorded> due(int limit) {
		return jdbc.query("SELECT id, kind, campaign_id, organisation_id, attempts FROM process_signal"
				+ " WHERE next_attempt_at IS NULL OR next_attempt_at <= ? ORDER BY id FETCH FIRST " + limit
				+ " ROWS ONLY",
				(rs, row) -> new Recorded(rs.getLong("id"),
						new Signal(Signal.Kind.valueOf(rs.getString("kind")), rs.getString("campaign_id"),
								rs.getString("organisation_id"), null),
						rs.getInt("attempts")),
				timestamp(clock.instant()));
	}

	void delete(Collection<Recorded> signals) {
		jdbc.batchUpdate("DELETE FROM process_signal WHERE id = ?",
				signals.stream().map(signal -> new Object[] { signal.id() }).toList());
	}

	/** Keeps the signals for another attempt after {@code delay}, with the error that stopped this one. */
	void postpone(Collection<Recorded> signals, Duration delay, String error) {
		var next = timestamp(clock.instant().plus(delay));
		String message = error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error;
		jdbc.batchUpdate("UPDATE process_signal SET attempts = attempts + 1, next_attempt_at = ?,"
				+ " last_error = ? WHERE id = ?",
				signals.stream().map(signal -> new Object[] { next, message, signal.id() }).toList());
	}

	long pending() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM process_signal", Long.class);
		return count == null ? 0 : count;
	}

	/** A signal as the inbox holds it: its row and how often its delivery failed. */
	record Recorded(long id, Signal signal, int attempts) {
	}

}
