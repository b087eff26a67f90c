package nl.phaseout.engine.inventory;

import java.util.Collection;

/**
 * Where inventory tells what changed: the {@link Signal}s its ingestion, parking and
 * reclassification see happen, recorded in the caller's transaction so that they commit with the
 * facts behind them. Inventory owns this port; whoever must hear (the process) implements it, so
 * inventory depends on no one downstream.
 */
public interface InventoryChanges {

	/**
	 * Records the signals in the caller's transaction; who listens hears of them once it commits.
	 * Returns how many were recorded.
	 */
	int record(Collection<Signal> signals);

}
