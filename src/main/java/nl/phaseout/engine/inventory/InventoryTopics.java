package nl.phaseout.engine.inventory;

/** Limits and header names of the inventory ingestion; the topics are in {@code system.Topics}. */
public final class InventoryTopics {

	/** Header on a dead letter saying, in plain words, why the record was not accepted. */
	public static final String ERROR_HEADER = "phaseout-error";

	private InventoryTopics() {
	}

}
