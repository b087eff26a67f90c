package nl.phaseout.engine.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.system.BackgroundLoop;
import nl.phaseout.engine.system.BackgroundWorker;
import nl.phaseout.engine.system.Topics;

/**
 * Drains the status outbox to {@code phaseout.status}, in the order the events were
 * written: woken when a transaction with status events commits, and every second in case
 * a wake-up was missed (another node's commit, a restart). A row is deleted only after
 * Kafka acknowledged it, so delivery is at least once; consumers dedupe on the event id.
 */
@Component
class StatusPublisher extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final KafkaTemplate<String, byte[]> kafka;

	private final BackgroundLoop loop = loop("status-publisher", Duration.ZERO, () -> publishBatch() == BATCH);

	StatusPublisher(JdbcTemplate jdbc, TransactionTemplate transaction, KafkaTemplate<String, byte[]> kafka) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.kafka = kafka;
	}

	void wake() {
		loop.wake();
	}

	/** Publishes and deletes up to one batch; returns how many rows it handled. */
	int publishBatch() {
		Integer handled = transaction.execute(status -> {
			List<Object[]> rows = jdbc.query(
					"SELECT id, event_key, payload FROM status_outbox ORDER BY id FETCH FIRST " + BATCH
							+ " ROWS ONLY FOR UPDATE",
					(rs, row) -> new Object[] { rs.getLong("id"), rs.getString("event_key"), rs.getString("payload") });
			if (rows.isEmpty()) {
				return 0;
			}
			List<CompletableFuture<?>> sent = new ArrayList<>(rows.size());
			for (Object[] row : rows) {
				ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.STATUS, (String) row[1],
						((String) row[2]).getBytes(StandardCharsets.UTF_8));
				record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
				sent.add(kafka.send(record));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
			jdbc.batchUpdate("DELETE FROM status_outbox WHERE id = ?",
					rows.stream().map(row -> new Object[] { row[0] }).toList());
			return rows.size();
		});
		return handled == null ? 0 : handled;
	}

}
