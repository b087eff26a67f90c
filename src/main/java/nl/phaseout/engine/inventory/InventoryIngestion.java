package nl.phaseout.engine.inventory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One poll batch: parse every record, apply the valid ones and record what the process must
 * hear in one database transaction, then dead-letter the invalid ones and wake the
 * {@link ProcessSignalWorker}. Whatever fails after that (database, broker) fails the whole
 * batch, which is retried: the projection is idempotent, so nothing is counted or signalled
 * twice; a dead letter may be published twice.
 */
@Component
class InventoryIngestion {

	private static final Logger log = LoggerFactory.getLogger(InventoryIngestion.class);

	private final InventoryEventParser parser;

	private final SourceCheck sources;

	private final InventoryProjection projection;

	private final TransactionTemplate transaction;

	private final DeadLetters deadLetters;

	private final InventoryMetrics metrics;

	private final ProcessSignals signals;

	private final ProcessSignalWorker worker;

	InventoryIngestion(InventoryProjection projection, PlatformTransactionManager transactionManager,
			DeadLetters deadLetters, InventoryMetrics metrics, ProcessSignals signals, ProcessSignalWorker worker,
			InventoryEventParser parser, SourceCheck sources) {
		this.parser = parser;
		this.sources = sources;
		this.projection = projection;
		this.transaction = new TransactionTemplate(transactionManager);
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.signals = signals;
		this.worker = worker;
	}

	void ingest(List<ConsumerRecord<String, byte[]>> records) {
		List<InventoryEvent> events = new ArrayList<>(records.size());
		List<Rejected> rejected = new ArrayList<>();
		Map<InventoryEvent, ConsumerRecord<String, byte[]>> recordOf = new IdentityHashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				InventoryEvent event = parser.parse(record);
				events.add(event);
				recordOf.put(event, record);
			}
			catch (InvalidEventException ex) {
				rejected.add(new Rejected(record, ex));
			}
		}
		int[] recorded = new int[1];
		ProjectionResult result = transaction.execute(status -> {
			ProjectionResult applied = projection.apply(sources.admit(events, recordOf::get));
			recorded[0] = signals.append(applied);
			return applied;
		});
		if (recorded[0] > 0) {
			worker.wake();
		}
		for (Rejected bad : rejected) {
			log.warn("Dead-lettering {}-{}@{}: {}", bad.record().topic(), bad.record().partition(),
					bad.record().offset(), bad.reason().getMessage());
			deadLetters.publish(bad.record(), bad.reason());
		}
		for (Outcome outcome : Outcome.values()) {
			metrics.events(outcome, result.count(outcome));
		}
		metrics.events(Outcome.DEAD_LETTERED, rejected.size());
		log.debug("Inventory batch of {}: {}, {} dead-lettered, {} process signals", records.size(),
				result.outcomes(), rejected.size(), recorded[0]);
	}

	private record Rejected(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
	}

}
