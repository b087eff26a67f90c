package nl.phaseout.engine.report;

import java.util.Optional;

/**
 * Read-only figures from the inventory projection for the views (implemented by the
 * inventory package). Unlike the process's {@code InventoryState}, nothing is locked.
 */
public interface EndpointFigures {

	EndpointCounts counts(String campaignId, String organisationId);

	Optional<LastScan> lastScan(String organisationId);

	/** Summed over the organisations registered in the campaign. */
	EndpointCounts totals(String campaignId);

}
