package nl.phaseout.engine.inventory.osquery;

import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointObserved;

/** What one osquery result log line is to the engine: an observation, or nothing it uses. */
public sealed interface OsqueryResult {

	/** A snapshot of the security products query: the whole set of security products on one host. */
	record Observation(EndpointObserved event) implements OsqueryResult {
	}

	/** Valid, but not for the engine (a differential result, another query, a status log); counted, not kept. */
	record Ignored(String reason) implements OsqueryResult {
	}

}
