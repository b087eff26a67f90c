package nl.phaseout.engine.inventory;


/**
 * Read-only figures from the inventory projection for the views (implemented by the
 * inventory package). Unlike the process's {@code InventoryState}, nothing is locked.
 */
public interface EndpointFigures {

	/** The organisation's counts in the campaign and its last scan, read as the process reads them, unlocked. */
	InventorySnapshot snapshot(String campaignId, String organisationId);

}
