package nl.phaseout.engine.inventory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One poll batch: parse every record (valid records the engine does not use, such as osquery's
 * results of other queries, are only counted as ignored), apply the valid ones and record what the process must
 * hear in its {@link InventoryChanges} in one database transaction (the inbox wakes the process's
 * worker once it commits), then dead-letter the invalid ones. Whatever fails after that
 * (database, broker) fails the whole batch, which is retried: the projection is idempotent, so nothing is counted or signalled
 * twice; a dead letter may be published twice.
 * <p>
 * A batch the database refuses for what is in it (SQLState class 22, data exception, or 23,
 * integrity constraint violation) is applied again one event at a time, so the one event the
 * database refuses is found: after {@value #TRIES} tries it goes to the dead-letter topic and
 * the others are applied. Any other failure, such as the database being down, is transient and
 * retried without end by the listener's error handler, never dead-lettered.
 */
@Component
class InventoryIngestion {

	private static final Logger log = LoggerFactory.getLogger(InventoryIngestion.class);

	/** A refusal that holds this often is the event's, not a passing conflict (such as a concurrent first insert). */
	static final int TRIES = 3;

	private static final Set<String> REFUSED_BY_CONTENT = Set.of("22", "23");

	private final InventoryRecords parser;

	private final SourceCheck sources;

	private final InventoryProjection projection;

	private final TransactionTemplate transaction;

	private final Refusals refusals;

	private final InventoryChanges inbox;

	InventoryIngestion(InventoryProjection projection, PlatformTransactionManager transactionManager,
			Refusals refusals, InventoryChanges inbox, InventoryRecords parser, SourceCheck sources) {
		this.parser = parser;
		this.sources = sources;
		this.projection = projection;
		this.transaction = new TransactionTemplate(transactionManager);
		this.refusals = refusals;
		this.inbox = inbox;
	}

	void ingest(List<ConsumerRecord<String, byte[]>> records) {
		List<Parsed> parsed = new ArrayList<>(records.size());
		List<Rejected> rejected = new ArrayList<>();
		int ignored = 0;
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				Optional<InventoryEvent> event = parser.read(record);
				if (event.isPresent()) {
					parsed.add(new Parsed(record, event.get()));
				}
				else {
					ignored++;
				}
			}
			catch (InvalidEventException ex) {
				rejected.add(new Rejected(record, ex));
			}
		}
		Map<InventoryEvent, ConsumerRecord<String, byte[]>> recordOf = new IdentityHashMap<>();
		parsed.forEach(one -> recordOf.put(one.event(), one.record()));
		Applied applied;
		try {
			applied = apply(parsed.stream().map(Parsed::event).toList(), recordOf);
		}
		catch (RuntimeException ex) {
			if (!refusedForContent(ex)) {
				throw ex;
			}
			log.warn("The database refused a batch of {} events for what is in it ({}); applying them one by one",
					parsed.size(), ex.toString());
			applied = applyOneByOne(parsed, recordOf, rejected);
		}
		for (Rejected bad : rejected) {
			refusals.deadLetter(bad.record(), bad.reason());
		}
		for (Outcome outcome : Outcome.values()) {
			refusals.count(outcome, applied.result().count(outcome));
		}
		refusals.count(Outcome.DEAD_LETTERED, rejected.size());
		refusals.count(Outcome.IGNORED, ignored);
		log.debug("Inventory batch of {}: {}, {} dead-lettered, {} ignored, {} process signals", records.size(),
				applied.result().outcomes(), rejected.size(), ignored, applied.signals());
	}

	/** Projects the events whose source may report for their organisation, in one transaction. */
	private Applied apply(List<InventoryEvent> events, Map<InventoryEvent, ConsumerRecord<String, byte[]>> recordOf) {
		int[] recorded = new int[1];
		ProjectionResult result = transaction.execute(status -> {
			ProjectionResult projected = projection.apply(sources.admit(events, recordOf::get));
			recorded[0] = inbox.record(projected.signals());
			return projected;
		});
		return new Applied(result, recorded[0]);
	}

	/** Each event in a transaction of its own; one the database keeps refusing joins the rejected. */
	private Applied applyOneByOne(List<Parsed> parsed, Map<InventoryEvent, ConsumerRecord<String, byte[]>> recordOf,
			List<Rejected> rejected) {
		ProjectionResult total = ProjectionResult.empty();
		int signalled = 0;
		for (Parsed one : parsed) {
			for (int attempt = 1;; attempt++) {
				try {
					Applied applied = apply(List.of(one.event()), recordOf);
					applied.result().outcomes().forEach((outcome, n) -> total.outcomes().merge(outcome, n, Integer::sum));
					signalled += applied.signals();
					break;
				}
				catch (RuntimeException ex) {
					if (!refusedForContent(ex)) {
						throw ex;
					}
					if (attempt >= TRIES) {
						rejected.add(new Rejected(one.record(), new InvalidEventException(
								"the database refused the event: " + KafkaDeadLetters.reason(ex))));
						break;
					}
				}
			}
		}
		return new Applied(total, signalled);
	}

	/** SQLState class 22 (data exception) or 23 (integrity constraint violation) anywhere in the causes. */
	static boolean refusedForContent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			for (SQLException sql = cause instanceof SQLException first ? first : null; sql != null; sql = sql
				.getNextException()) {
				String state = sql.getSQLState();
				if (state != null && state.length() >= 2 && REFUSED_BY_CONTENT.contains(state.substring(0, 2))) {
					return true;
				}
			}
		}
		return false;
	}

	private record Parsed(ConsumerRecord<String, byte[]> record, InventoryEvent event) {
	}

	private record Applied(ProjectionResult result, int signals) {
	}

	private record Rejected(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
	}

}
