package nl.phaseout.engine.inventory;

/** Topic and header names of the inventory ingestion; part of the public contract. */
public final class InventoryTopics {

	public static final String INVENTORY = "phaseout.inventory";

	public static final String INVENTORY_DLT = "phaseout.inventory.dlt";

	/** Header on a dead letter saying, in plain words, why the record was not accepted. */
	public static final String ERROR_HEADER = "phaseout-error";

	/** Records larger than this are dead-lettered unread. */
	public static final int MAX_RECORD_BYTES = 512 * 1024;

	private InventoryTopics() {
	}

}
