package nl.phaseout.engine.process;

import static nl.phaseout.engine.system.SqlTime.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.phaseout.engine.inventory.InventoryChanges;
import nl.phaseout.engine.inventory.Signal;
import nl.phaseout.engine.system.Database;

/**
 * The process's inbox, the {@code process_signal} table: others record {@link Signal}s in their
 * own transaction, the process's {@link SignalWorker}s deliver them in transactions of their own
 * and are woken by the inbox once the recording transaction has committed. A row is deleted once
 * delivered; a delivery that fails stays, with its error, and is tried again later.
 * <p>
 * Organisations are claimed, not shared: a worker locks the organisation's row in
 * {@code process_signal_claim} ({@code FOR UPDATE SKIP LOCKED}) for the transaction that delivers
 * its signals, and reads them only after taking it. Another worker, on this node or another, skips
 * a claimed organisation and finds its signals gone or still due once the claim is released, so no
 * signal is delivered by two workers and no organisation is told two things at once. Each row
 * carries its organisation's {@link Lane} key, which splits the organisations among a node's
 * workers.
 */
@Repository
public class ProcessInbox implements InventoryChanges {

	private static final int ERROR_LENGTH = 2000;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final Clock clock = Clock.systemUTC();

	private volatile Boolean h2;

	private volatile Consumer<Set<Integer>> onCommit = laneKeys -> {
	};

	public ProcessInbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * Records the signals in the caller's transaction; the workers hear of them after it commits
	 * (at once when there is none). A signal due later waits until then; one whose moment has
	 * passed is due now. Returns how many it recorded.
	 */
	@Override
	public int record(Collection<Signal> signals) {
		if (signals.isEmpty()) {
			return 0;
		}
		Instant now = clock.instant();
		List<Object[]> rows = new ArrayList<>(signals.size());
		Set<Integer> laneKeys = new HashSet<>();
		for (Signal signal : signals) {
			Instant due = signal.due() != null && signal.due().isAfter(now) ? signal.due() : null;
			int laneKey = Lane.key(signal.organisationId());
			rows.add(new Object[] { signal.kind().name(), signal.campaignId(), signal.organisationId(), laneKey,
					timestamp(now), timestamp(due) });
			laneKeys.add(laneKey);
		}
		jdbc.batchUpdate("INSERT INTO process_signal (kind, campaign_id, organisation_id, lane_key, created_at,"
				+ " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)", rows);
		wakeAfterCommit(laneKeys);
		return rows.size();
	}

	private void wakeAfterCommit(Set<Integer> laneKeys) {
		Consumer<Set<Integer>> wake = onCommit;
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			wake.accept(laneKeys);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				wake.accept(laneKeys);
			}

		});
	}

	/** Whether the inbox is in an H2 database (the embedded default), not PostgreSQL; asked once. */
	boolean onH2() {
		Boolean known = h2;
		if (known == null) {
			known = Database.of(jdbc) == Database.H2;
			h2 = known;
		}
		return known;
	}

	/** Who is woken once recorded signals have committed, with the lane keys of their organisations. */
	void onCommit(Consumer<Set<Integer>> wake) {
		this.onCommit = wake;
	}

	/**
	 * The organisations of the lane with signals due, those of the oldest first, from at most
	 * {@code limit} signals, leaving out the signals of the organisations {@code except}. Read, not
	 * claimed: {@link #claim} decides who delivers them.
	 */
	List<String> dueOrganisations(Lane lane, int limit, Collection<String> except) {
		MapSqlParameterSource params = new MapSqlParameterSource("now", timestamp(clock.instant()))
			.addValue("count", lane.count())
			.addValue("index", lane.index());
		String exceptThese = "";
		if (!except.isEmpty()) {
			exceptThese = " AND organisation_id NOT IN (:except)";
			params.addValue("except", except);
		}
		List<String> signalled = named.queryForList("SELECT organisation_id FROM process_signal"
				+ " WHERE (next_attempt_at IS NULL OR next_attempt_at <= :now) AND MOD(lane_key, :count) = :index"
				+ exceptThese + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", params, String.class);
		return signalled.stream().distinct().toList();
	}

	/** Of these organisations, those that are not claimable yet: without a {@code process_signal_claim} row. */
	List<String> unclaimable(Collection<String> organisationIds) {
		if (organisationIds.isEmpty()) {
			return List.of();
		}
		Set<String> known = new HashSet<>(named.queryForList(
				"SELECT organisation_id FROM process_signal_claim WHERE organisation_id IN (:ids)",
				new MapSqlParameterSource("ids", organisationIds), String.class));
		return organisationIds.stream().filter(id -> !known.contains(id)).distinct().toList();
	}

	/**
	 * Makes the organisations claimable in the caller's transaction: a row in
	 * {@code process_signal_claim} for each that has none, inserted only where none is, so a row another
	 * worker holds is neither touched nor waited for. On PostgreSQL a row another transaction is inserting
	 * at the same moment is waited for and then left as it is ({@code ON CONFLICT DO NOTHING}); on H2, one
	 * node's own (its workers' lanes do not overlap), the second insert would fail.
	 */
	void createMissingClaims(Collection<String> organisationIds) {
		List<String> missing = unclaimable(organisationIds);
		if (missing.isEmpty()) {
			return;
		}
		if (onH2()) {
			jdbc.batchUpdate("INSERT INTO process_signal_claim (organisation_id) SELECT CAST(? AS VARCHAR(100))"
					+ " WHERE NOT EXISTS (SELECT 1 FROM process_signal_claim WHERE organisation_id = ?)",
					missing.stream().map(id -> new Object[] { id, id }).toList());
		}
		else {
			jdbc.batchUpdate("INSERT INTO process_signal_claim (organisation_id) VALUES (?) ON CONFLICT DO NOTHING",
					missing.stream().map(id -> new Object[] { id }).toList());
		}
	}

	/**
	 * Claims those of the organisations no other worker holds, for the caller's transaction, and
	 * returns their due signals, oldest first. The organisations must be claimable
	 * ({@link #createMissingClaims}).
	 */
	List<Recorded> claim(Collection<String> organisationIds) {
		if (organisationIds.isEmpty()) {
			return List.of();
		}
		List<String> claimed = named.queryForList("SELECT organisation_id FROM process_signal_claim"
				+ " WHERE organisation_id IN (:ids) ORDER BY organisation_id FOR UPDATE SKIP LOCKED",
				new MapSqlParameterSource("ids", organisationIds), String.class);
		if (claimed.isEmpty()) {
			return List.of();
		}
		return named.query("SELECT id, kind, campaign_id, organisation_id, attempts FROM process_signal"
				+ " WHERE organisation_id IN (:ids) AND (next_attempt_at IS NULL OR next_attempt_at <= :now)"
				+ " ORDER BY id",
				new MapSqlParameterSource("ids", claimed).addValue("now", timestamp(clock.instant())),
				(rs, row) -> new Recorded(rs.getLong("id"),
						new Signal(Signal.Kind.valueOf(rs.getString("kind")), rs.getString("campaign_id"),
								rs.getString("organisation_id"), null),
						rs.getInt("attempts")));
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

	/**
	 * One of a node's {@code count} workers' share of the organisations: those whose key, a
	 * hash of the organisation id that every node computes alike, leaves {@code index} divided by
	 * {@code count}.
	 */
	record Lane(int index, int count) {

		static int key(String organisationId) {
			return organisationId.hashCode() & Integer.MAX_VALUE;
		}

		boolean holds(int laneKey) {
			return laneKey % count == index;
		}

	}

}
