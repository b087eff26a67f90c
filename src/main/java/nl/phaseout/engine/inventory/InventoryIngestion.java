package nl.phaseout.engine.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import nl.phaseout.engine.inventory.ProjectionResult.CampaignOrganisation;
import nl.phaseout.engine.process.Phase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One poll batch: parse every record, apply the valid ones and tell the process in one database
 * transaction, then dead-letter the invalid ones. Whatever fails after that (database, broker)
 * fails the whole batch, which is retried: the projection is idempotent, so nothing is counted
 * twice; a dead letter may be published twice.
 */
@Component
class InventoryIngestion {

	private static final Logger log = LoggerFactory.getLogger(InventoryIngestion.class);

	private static final Advancement NOBODY = new Advancement() {
		@Override
		public void inventoryChanged(String organisationId) {
		}

		@Override
		public void alternativeSelected(String organisationId) {
		}

		@Override
		public void contractTerminated(String organisationId) {
		}

		@Override
		public void regression(String campaignId, String organisationId) {
		}
	};

	private final AtomicBoolean warnedNoProcess = new AtomicBoolean();

	private final InventoryEventParser parser = new InventoryEventParser();

	private final InventoryProjection projection;

	private final TransactionTemplate transaction;

	private final DeadLetters deadLetters;

	private final InventoryMetrics metrics;

	private final ObjectProvider<Advancement> advancement;

	private final ObjectProvider<PhaseLookup> phases;

	InventoryIngestion(InventoryProjection projection, PlatformTransactionManager transactionManager,
			DeadLetters deadLetters, InventoryMetrics metrics, ObjectProvider<Advancement> advancement,
			ObjectProvider<PhaseLookup> phases) {
		this.projection = projection;
		this.transaction = new TransactionTemplate(transactionManager);
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.advancement = advancement;
		this.phases = phases;
	}

	void ingest(List<ConsumerRecord<String, byte[]>> records) {
		List<InventoryEvent> events = new ArrayList<>(records.size());
		List<Rejected> rejected = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				events.add(parser.parse(record));
			}
			catch (InvalidEventException ex) {
				rejected.add(new Rejected(record, ex));
			}
		}
		int[] advanced = new int[1];
		ProjectionResult result = transaction.execute(status -> {
			ProjectionResult applied = projection.apply(events);
			advanced[0] = advance(applied);
			return applied;
		});
		for (Rejected bad : rejected) {
			log.warn("Dead-lettering {}-{}@{}: {}", bad.record().topic(), bad.record().partition(),
					bad.record().offset(), bad.reason().getMessage());
			deadLetters.publish(bad.record(), bad.reason());
		}
		for (Outcome outcome : Outcome.values()) {
			metrics.events(outcome, result.count(outcome));
		}
		metrics.events(Outcome.DEAD_LETTERED, rejected.size());
		metrics.advancements(advanced[0]);
		log.debug("Inventory batch of {}: {}, {} dead-lettered, {} process calls", records.size(), result.outcomes(),
				rejected.size(), advanced[0]);
	}

	/** One call per organisation and kind; inside the projection's transaction. */
	private int advance(ProjectionResult result) {
		Advancement process = advancement.getIfAvailable(() -> {
			if (warnedNoProcess.compareAndSet(false, true)) {
				log.warn("No Advancement bean: inventory changes are projected but no process is told");
			}
			return NOBODY;
		});
		int calls = 0;
		for (String organisationId : result.inventoryChanged()) {
			process.inventoryChanged(organisationId);
			calls++;
		}
		for (String organisationId : result.alternativesSelected()) {
			process.alternativeSelected(organisationId);
			calls++;
		}
		for (String organisationId : result.contractsTerminated()) {
			process.contractTerminated(organisationId);
			calls++;
		}
		PhaseLookup lookup = phases.getIfAvailable();
		for (CampaignOrganisation pair : result.bannedAppeared()) {
			if (lookup != null && lookup.phase(pair.campaignId(), pair.organisationId())
				.filter(Phase.PHASED_OUT::equals)
				.isPresent()) {
				process.regression(pair.campaignId(), pair.organisationId());
				calls++;
			}
		}
		return calls;
	}

	private record Rejected(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
	}

}
