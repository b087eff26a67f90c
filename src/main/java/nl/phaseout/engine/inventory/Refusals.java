package nl.phaseout.engine.inventory;

import java.util.List;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What becomes of the events that are not simply applied, and the count of every outcome: records
 * refused (a source that may not report, a record that does not parse, parking full) go to the
 * dead-letter topic with their reason, and the outcomes are counted, both once the transaction
 * that decided them has committed, so a batch that rolls back refuses and counts nothing.
 */
@Component
class Refusals {

	private static final Logger log = LoggerFactory.getLogger(Refusals.class);

	private final DeadLetters deadLetters;

	private final InventoryMetrics metrics;

	Refusals(DeadLetters deadLetters, InventoryMetrics metrics) {
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	/** A record that may not be applied, and why. */
	record Refusal(ConsumerRecord<String, byte[]> record, String reason) {
	}

	/**
	 * Dead-letters the records, with their reasons, once the current transaction has committed. A
	 * failure to publish fails the caller (ingestion retries its batch and refuses them again).
	 */
	void refuseAfterCommit(List<Refusal> refused) {
		if (refused.isEmpty()) {
			return;
		}
		afterCommit(() -> {
			refused.forEach(this::deadLetter);
			metrics.events(Outcome.REFUSED, refused.size());
		});
	}

	/**
	 * As {@link #refuseAfterCommit(List)}, for a caller that cannot retry (a registration, which has
	 * committed): a record that cannot be published is logged with where it still lies in the topic.
	 */
	void refuseAfterCommitOrLog(List<Refusal> refused) {
		if (refused.isEmpty()) {
			return;
		}
		afterCommit(() -> {
			for (Refusal refusal : refused) {
				try {
					deadLetter(refusal);
				}
				catch (RuntimeException ex) {
					ConsumerRecord<String, byte[]> record = refusal.record();
					log.error("Could not dead-letter {}-{}@{} ({}); it is still in that topic: {}", record.topic(),
							record.partition(), record.offset(), refusal.reason(), ex.toString());
				}
			}
			metrics.events(Outcome.REFUSED, refused.size());
		});
	}

	/** Dead-letters a record that is not a valid event at all, now (outside any transaction). */
	void deadLetter(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
		log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
				reason.getMessage());
		deadLetters.publish(record, reason);
	}

	/** Counts what happened to so many events, now. */
	void count(Outcome outcome, int events) {
		metrics.events(outcome, events);
	}

	/** Counts the projection's outcomes once the current transaction has committed. */
	void countAfterCommit(ProjectionResult result) {
		afterCommit(() -> {
			for (Outcome outcome : Outcome.values()) {
				metrics.events(outcome, result.count(outcome));
			}
		});
	}

	/** Counts so many events once the current transaction has committed. */
	void countAfterCommit(Outcome outcome, int events) {
		afterCommit(() -> metrics.events(outcome, events));
	}

	private void deadLetter(Refusal refusal) {
		ConsumerRecord<String, byte[]> record = refusal.record();
		log.warn("Refusing {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), refusal.reason());
		deadLetters.publish(record, new InvalidEventException(refusal.reason()));
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("Refusals are decided in the transaction that applies the events");
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

}
