package nl.phaseout.engine.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import nl.phaseout.engine.inventory.Refusals.Refusal;
import nl.phaseout.engine.inventory.event.InvalidEventException;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events that arrived for an organisation before it registered. Registration calls
 * {@link #release} in its own transaction once the organisation and its sources are written: the
 * events whose source it allows are applied as if they had just arrived (and the process told,
 * after commit), the others dead-lettered naming their source; either way they are no longer kept.
 * Should the registration roll back, they stay parked.
 */
@Service
public class ParkedInventory {

	private static final Logger log = LoggerFactory.getLogger(ParkedInventory.class);

	private final ParkedEventStore parked;

	private final SourceCheck sources;

	private final InventoryRecords parser;

	private final InventoryProjection projection;

	private final InventoryChanges inbox;

	private final Refusals refusals;

	ParkedInventory(ParkedEventStore parked, SourceCheck sources, InventoryRecords parser,
			InventoryProjection projection, InventoryChanges inbox, Refusals refusals) {
		this.parked = parked;
		this.sources = sources;
		this.parser = parser;
		this.projection = projection;
		this.inbox = inbox;
		this.refusals = refusals;
	}

	/** Applies or refuses the organisation's parked events; call after writing its registration. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void release(String organisationId) {
		// The lock ingestion takes before parking: whatever it parked has committed by now.
		sources.lock(Set.of(organisationId));
		List<ConsumerRecord<String, byte[]>> records = parked.parked(organisationId);
		if (records.isEmpty()) {
			return;
		}
		List<String> patterns = sources.allowedSources(organisationId);
		List<InventoryEvent> admitted = new ArrayList<>();
		List<Refusal> refused = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				parser.read(record)
					.ifPresent(event -> sources.refusal(event, record, patterns)
						.ifPresentOrElse(reason -> refused.add(new Refusal(record, reason)), () -> admitted.add(event)));
			}
			catch (InvalidEventException ex) {
				refused.add(new Refusal(record, ex.getMessage()));
			}
		}
		ProjectionResult result = projection.apply(admitted);
		inbox.record(result.signals());
		parked.delete(organisationId);
		log.info("Organisation {} registered: {} parked event(s) applied, {} refused", organisationId,
				admitted.size(), refused.size());
		refusals.countAfterCommit(result);
		// The registration has committed by then: a dead letter that fails must not fail it.
		refusals.refuseAfterCommitOrLog(refused);
	}

}
