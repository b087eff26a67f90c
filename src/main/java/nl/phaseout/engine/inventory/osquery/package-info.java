/**
 * The edge of the osquery topics ({@code phaseout.inventory.osquery.<organisationId>}), pure: a
 * result log line as osquery's Kafka logger writes it, read into an {@code endpoint.observed} of
 * the topic's organisation, or ignored, or refused with the reason. Internal to the inventory,
 * whose ingestion uses it; no I/O, no Spring, no state.
 */
package nl.phaseout.engine.inventory.osquery;
