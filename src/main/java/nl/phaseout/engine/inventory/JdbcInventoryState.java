package nl.phaseout.engine.inventory;

import java.util.Optional;

import nl.phaseout.engine.process.AlternativeSelection;
import nl.phaseout.engine.process.ContractTermination;
import nl.phaseout.engine.process.InventorySnapshot;
import nl.phaseout.engine.process.InventoryState;
import org.springframework.stereotype.Component;

/**
 * The process's view of the projection. {@link #snapshot} locks the organisation's counts row
 * (creating it when absent) for the caller's transaction, the same lock ingestion takes, so a
 * process check and an ingestion batch for one organisation never interleave. Call it inside a
 * transaction (the engine's), or the lock ends with the statement.
 */
@Component
class JdbcInventoryState implements InventoryState {

	private final CountsRepository counts;

	private final EventStore store;

	JdbcInventoryState(CountsRepository counts, EventStore store) {
		this.counts = counts;
		this.store = store;
	}

	@Override
	public InventorySnapshot snapshot(String campaignId, String organisationId) {
		Counts c = counts.lock(campaignId, organisationId);
		var lastScan = store.lastScan(organisationId);
		return new InventorySnapshot(c.total(), c.banned(), c.protectedCount(), c.unprotected(), c.retired(),
				lastScan.map(EventStore.LastScan::scanId).orElse(null),
				lastScan.map(EventStore.LastScan::completedAt).orElse(null));
	}

	@Override
	public Optional<AlternativeSelection> alternativeSelection(String organisationId) {
		return store.alternativeSelection(organisationId);
	}

	@Override
	public Optional<ContractTermination> contractTermination(String organisationId) {
		return store.contractTermination(organisationId);
	}

}
