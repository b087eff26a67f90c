package nl.phaseout.engine.inventory;

import java.util.Optional;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.inventory.event.InventoryEventParser;
import nl.phaseout.engine.inventory.osquery.OsqueryResult;
import nl.phaseout.engine.inventory.osquery.OsqueryResults;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of any inventory topic read as what its topic carries: osquery's own result logs on
 * {@code phaseout.inventory.osquery.<organisationId>}, CloudEvents everywhere else. Pure, as the two
 * readers it chooses between.
 */
class InventoryRecords {

	private static final Logger log = LoggerFactory.getLogger(InventoryRecords.class);

	private final InventoryEventParser events;

	private final OsqueryResults osquery;

	InventoryRecords(InventoryEventParser events, OsqueryResults osquery) {
		this.events = events;
		this.osquery = osquery;
	}

	/** The CloudEvents parser and osquery's reader with the engine's clock and the default skew. */
	static InventoryRecords defaults() {
		return new InventoryRecords(new InventoryEventParser(), new OsqueryResults());
	}

	/**
	 * The event the record carries; empty when it is valid but nothing the engine uses (an osquery
	 * result of another query, say), which is counted as ignored.
	 *
	 * @throws InvalidEventException saying why the record can never be accepted
	 */
	Optional<InventoryEvent> read(ConsumerRecord<String, byte[]> record) {
		if (!OsqueryResults.isOsqueryTopic(record.topic())) {
			return Optional.of(events.parse(record));
		}
		OsqueryResult result = osquery.read(record.topic(), record.value());
		if (result instanceof OsqueryResult.Observation observation) {
			return Optional.of(observation.event());
		}
		log.debug("Ignoring {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
				((OsqueryResult.Ignored) result).reason());
		return Optional.empty();
	}

}
