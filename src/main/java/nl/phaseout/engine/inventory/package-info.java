/**
 * Ingestion of the {@code phaseout.inventory} topic, after the pure edge parsing of
 * {@code inventory.event}: who may report for whom (events of unregistered organisations parked
 * until they register), the endpoint projection with its per-organisation counts
 * ({@code InventoryProjection}, {@code CountsRepository}, {@code EndpointRepository},
 * {@code OrganisationFacts}), and the batch listener that dead-letters poison records and
 * records in the process's inbox what the process must hear. Also what the projection shows
 * (the endpoints behind the counts, the process's {@code InventoryState}) and the manual
 * inventory upload, published on the topic as a feed would.
 */
package nl.phaseout.engine.inventory;
