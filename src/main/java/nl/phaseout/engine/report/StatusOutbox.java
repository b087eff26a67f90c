package nl.phaseout.engine.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.system.PhaseoutProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Status events are written to an outbox table in the transaction of the change they
 * describe: a change that rolls back leaves no event, a committed one always gets out,
 * even across a crash. {@link StatusPublisher} sends them to {@code phaseout.status}.
 */
@Component
class StatusOutbox {

	private static final String INSERT = "INSERT INTO status_outbox (event_id, event_type, event_key, payload,"
			+ " created_at) VALUES (?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;

	private final ObjectMapper json;

	private final StatusPublisher publisher;

	private final String source;

	StatusOutbox(JdbcTemplate jdbc, ObjectMapper json, StatusPublisher publisher,
			PhaseoutProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.publisher = publisher;
		this.source = properties.status().source();
	}

	/**
	 * Appends a structured-mode CloudEvent; key and subject are the organisation id. In a transaction the row
	 * is written when it commits, in one batch with the transaction's other status events (a signal round's
	 * organisations each change phase, and on PostgreSQL every statement is a round trip); outside one, now.
	 */
	void append(String type, String organisationId, Map<String, Object> data, Instant at) {
		String id = UUID.randomUUID().toString();
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("specversion", "1.0");
		event.put("id", id);
		event.put("source", source);
		event.put("type", type);
		event.put("subject", organisationId);
		event.put("time", at.toString());
		event.put("datacontenttype", "application/json");
		event.put("data", data);
		Object[] row;
		try {
			row = new Object[] { id, type, organisationId, json.writeValueAsString(event), Timestamp.from(at) };
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Status event " + type + " cannot be written as JSON", ex);
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			jdbc.update(INSERT, row);
			publisher.wake();
			return;
		}
		pending().rows.add(row);
	}

	/**
	 * The current transaction's rows waiting for its commit: found among its synchronizations, which a
	 * transaction of its own inside it (REQUIRES_NEW) does not share.
	 */
	private Pending pending() {
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Pending pending && pending.outbox() == this) {
				return pending;
			}
		}
		Pending pending = new Pending(this, new ArrayList<>());
		TransactionSynchronizationManager.registerSynchronization(pending);
		return pending;
	}

	private record Pending(StatusOutbox outbox, List<Object[]> rows) implements TransactionSynchronization {

		@Override
		public void beforeCommit(boolean readOnly) {
			if (!rows.isEmpty()) {
				outbox.jdbc.batchUpdate(INSERT, rows);
			}
		}

		@Override
		public void afterCommit() {
			if (!rows.isEmpty()) {
				outbox.publisher.wake();
			}
		}

	}

}
