package nl.phaseout.engine.process;

import java.util.Optional;

/**
 * The process's view of the inventory projection (implemented by the inventory package).
 * Each call locks the organisation's projection row for the current transaction, so a
 * process that checks a condition and an ingestion that changes it are serialised: a
 * condition met while the process was on its way to a wait state is never missed.
 */
public interface InventoryState {

	InventorySnapshot snapshot(String campaignId, String organisationId);

	/** An {@code alternative.selected} event already received for the organisation. */
	Optional<AlternativeSelection> alternativeSelection(String organisationId);

	/** A {@code contract.terminated} event already received for the organisation. */
	Optional<ContractTermination> contractTermination(String organisationId);

}
