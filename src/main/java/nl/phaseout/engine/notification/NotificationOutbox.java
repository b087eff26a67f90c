package nl.phaseout.engine.notification;

import static nl.phaseout.engine.system.SqlTime.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.notification.OutboxRow.State;
import nl.phaseout.engine.system.SqlTime;

/**
 * The {@code notification_outbox} table. Notices are written in the caller's transaction, one row
 * per recipient. A sender claims a recipient's due rows ({@code FOR UPDATE SKIP LOCKED}, then a
 * conditional update to {@code SENDING} under a new batch id, committed before the SMTP server is
 * called), and marks them {@code SENT} once the server accepted their mail. Rows left
 * {@code SENDING} longer than the lease belonged to a sender that stopped between the claim and the
 * mark; another takes the batch over whole, and its mail goes out again under the same batch id.
 */
class NotificationOutbox {

	private static final int ERROR_LENGTH = 2000;

	private static final String COLUMNS = "id, kind, recipient_user, recipient_email, organisation_id,"
			+ " organisation_name, campaign_id, process_instance_id, task_id, topic, due_at, created_at, state,"
			+ " batch_id, sent_at, attempts, last_error";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final TransactionTemplate savepoint;

	private final Clock clock;

	NotificationOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		// a taken key must not spoil the caller's transaction (PostgreSQL aborts it on any error)
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.clock = clock;
	}

	Instant now() {
		return clock.instant();
	}

	/**
	 * Writes the notice for each recipient in the caller's transaction, to be collected until
	 * {@code delay} from now; {@code held} rows are never sent.
	 */
	void write(Notice notice, Collection<Recipient> recipients, Duration delay, boolean held) {
		if (recipients.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		List<Object[]> rows = new ArrayList<>();
		for (Recipient recipient : recipients) {
			rows.add(new Object[] { notice.kind().name(), recipient.userId(), recipient.email(),
					notice.organisationId(), notice.organisationName(), notice.campaignId(),
					notice.processInstanceId(), notice.taskId(), notice.topic(), timestamp(notice.dueAt()),
					timestamp(now), timestamp(now.plus(delay)), (held ? State.HELD : State.PENDING).name() });
		}
		jdbc.batchUpdate("INSERT INTO notification_outbox (kind, recipient_user, recipient_email, organisation_id,"
				+ " organisation_name, campaign_id, process_instance_id, task_id, topic, due_at, created_at,"
				+ " collect_until, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
	}

	/**
	 * Takes the key in the caller's transaction: true the first time, false once any transaction
	 * that took it has committed (or while one that did is still open, after it commits).
	 */
	boolean once(String key) {
		Boolean first = savepoint.execute(status -> {
			try {
				jdbc.update("INSERT INTO notification_once (once_key, created_at) VALUES (?, ?)", key,
						timestamp(clock.instant()));
				return true;
			}
			catch (DuplicateKeyException taken) {
				status.setRollbackOnly();
				return false;
			}
		});
		return Boolean.TRUE.equals(first);
	}

	/** Of these keys, those already taken. */
	List<String> taken(Collection<String> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		return named.queryForList("SELECT once_key FROM notification_once WHERE once_key IN (:keys)",
				new MapSqlParameterSource("keys", keys), String.class);
	}

	/** The office's task for missed milestones was created: the process's missed-milestone notices link to it. */
	void linkMissedTo(String processInstanceId, String taskId) {
		jdbc.update("UPDATE notification_outbox SET task_id = ? WHERE process_instance_id = ? AND kind = ?"
				+ " AND task_id IS NULL AND state IN (?, ?)", taskId, processInstanceId, Kind.MISSED.name(),
				State.PENDING.name(), State.HELD.name());
	}

	/**
	 * Claims, in the caller's transaction, the due rows of up to {@code limit} recipients whose
	 * first row's collection time has passed: one batch per recipient, in state {@code SENDING}.
	 * Rows another sender has locked are skipped, and a row is claimed only while still
	 * {@code PENDING}, so no row is in two batches.
	 */
	List<Batch> claimDue(int limit) {
		OffsetDateTime now = timestamp(clock.instant());
		MapSqlParameterSource params = new MapSqlParameterSource("now", now).addValue("pending", State.PENDING.name());
		String due = " state = :pending AND created_at <= :now AND (next_attempt_at IS NULL OR next_attempt_at <= :now)";
		List<String> recipients = named.queryForList("SELECT recipient_email FROM notification_outbox WHERE" + due
				+ " GROUP BY recipient_email HAVING MIN(collect_until) <= :now ORDER BY MIN(collect_until)"
				+ " FETCH FIRST " + limit + " ROWS ONLY", params, String.class);
		if (recipients.isEmpty()) {
			return List.of();
		}
		Map<String, List<Long>> byRecipient = new LinkedHashMap<>();
		named.query("SELECT id, recipient_email FROM notification_outbox WHERE recipient_email IN (:recipients) AND"
				+ due + " ORDER BY id FOR UPDATE SKIP LOCKED", params.addValue("recipients", recipients),
				(ResultSet rs) -> {
					byRecipient.computeIfAbsent(rs.getString("recipient_email"), r -> new ArrayList<>())
						.add(rs.getLong("id"));
				});
		List<String> batchIds = new ArrayList<>();
		for (List<Long> ids : byRecipient.values()) {
			String batchId = UUID.randomUUID().toString();
			int claimed = named.update("UPDATE notification_outbox SET state = :sending, batch_id = :batch,"
					+ " claimed_at = :now, attempts = attempts + 1 WHERE id IN (:ids) AND state = :pending",
					new MapSqlParameterSource("sending", State.SENDING.name()).addValue("batch", batchId)
						.addValue("now", now)
						.addValue("ids", ids)
						.addValue("pending", State.PENDING.name()));
			if (claimed > 0) {
				batchIds.add(batchId);
			}
		}
		return batches(batchIds);
	}

	/**
	 * Takes over, in the caller's transaction, the batches claimed before {@code cutoff} and never
	 * confirmed: their sender stopped after claiming them, perhaps after the SMTP server accepted
	 * the mail. The conditional update lets one sender alone take each.
	 */
	List<Batch> claimAbandoned(Instant cutoff, int limit) {
		OffsetDateTime now = timestamp(clock.instant());
		List<String> abandoned = jdbc.queryForList("SELECT DISTINCT batch_id FROM notification_outbox"
				+ " WHERE state = ? AND claimed_at < ? FETCH FIRST " + limit + " ROWS ONLY", String.class,
				State.SENDING.name(), timestamp(cutoff));
		List<String> taken = new ArrayList<>();
		for (String batchId : abandoned) {
			if (jdbc.update("UPDATE notification_outbox SET claimed_at = ?, attempts = attempts + 1"
					+ " WHERE batch_id = ? AND state = ? AND claimed_at < ?", now, batchId, State.SENDING.name(),
					timestamp(cutoff)) > 0) {
				taken.add(batchId);
			}
		}
		return batches(taken);
	}

	private List<Batch> batches(List<String> batchIds) {
		if (batchIds.isEmpty()) {
			return List.of();
		}
		Map<String, List<OutboxRow>> rows = new LinkedHashMap<>();
		batchIds.forEach(batchId -> rows.put(batchId, new ArrayList<>()));
		named.query("SELECT " + COLUMNS + " FROM notification_outbox WHERE batch_id IN (:batches) AND state = :sending"
				+ " ORDER BY id", new MapSqlParameterSource("batches", batchIds).addValue("sending", State.SENDING.name()),
				(ResultSet rs) -> {
					rows.get(rs.getString("batch_id")).add(map(rs));
				});
		return rows.entrySet().stream().filter(batch -> !batch.getValue().isEmpty())
			.map(batch -> new Batch(batch.getKey(), batch.getValue())).toList();
	}

	/** The SMTP server accepted the batch's mail. */
	void markSent(String batchId) {
		jdbc.update("UPDATE notification_outbox SET state = ?, sent_at = ? WHERE batch_id = ? AND state = ?",
				State.SENT.name(), timestamp(clock.instant()), batchId, State.SENDING.name());
	}

	/** The batch's mail was refused or the server could not be reached: its rows wait {@code delay} for another try. */
	void postpone(String batchId, Duration delay, String error) {
		String message = error == null ? "" : error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error;
		jdbc.update("UPDATE notification_outbox SET state = ?, batch_id = NULL, claimed_at = NULL,"
				+ " next_attempt_at = ?, last_error = ? WHERE batch_id = ? AND state = ?", State.PENDING.name(),
				timestamp(clock.instant().plus(delay)), message, batchId, State.SENDING.name());
	}

	/** The latest rows, newest first, in this state or any ({@code null}), for the office's page. */
	List<OutboxRow> latest(int limit, State state) {
		String where = state == null ? "" : " WHERE state = ?";
		Object[] params = state == null ? new Object[0] : new Object[] { state.name() };
		return jdbc.query("SELECT " + COLUMNS + " FROM notification_outbox" + where + " ORDER BY id DESC FETCH FIRST "
				+ limit + " ROWS ONLY", (rs, row) -> map(rs), params);
	}

	private static OutboxRow map(ResultSet rs) throws SQLException {
		Notice notice = new Notice(Kind.valueOf(rs.getString("kind")), rs.getString("organisation_id"),
				rs.getString("organisation_name"), rs.getString("campaign_id"), rs.getString("process_instance_id"),
				rs.getString("task_id"), rs.getString("topic"), SqlTime.instant(rs, "due_at"));
		return new OutboxRow(rs.getLong("id"), new Recipient(rs.getString("recipient_user"),
				rs.getString("recipient_email")), notice, SqlTime.instant(rs, "created_at"),
				State.valueOf(rs.getString("state")), rs.getString("batch_id"), SqlTime.instant(rs, "sent_at"),
				rs.getInt("attempts"), rs.getString("last_error"));
	}

	/** The rows one mail carries to one recipient; its id is the mail's Message-ID. */
	record Batch(String id, List<OutboxRow> rows) {

		Recipient recipient() {
			return rows.get(0).recipient();
		}

		/** How often this mail has been attempted: its rows' most. */
		int attempts() {
			return rows.stream().mapToInt(OutboxRow::attempts).max().orElse(0);
		}

	}

}
