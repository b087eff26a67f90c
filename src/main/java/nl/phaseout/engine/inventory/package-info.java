/**
 * Ingestion of the {@code phaseout.inventory} topic: CloudEvents parsed and validated at the
 * edge, who may report for whom (events of unregistered organisations parked until they
 * register), the endpoint projection with its per-organisation counts, and the batch listener
 * that dead-letters poison records and tells the process when a condition it waits for changed.
 * Also what the projection shows (the endpoints behind the counts) and the manual inventory
 * upload, published on the topic as a feed would.
 */
package nl.phaseout.engine.inventory;
