/**
 * The inventory: the system of record for endpoints, and the owner of its facts. Ingestion of the
 * inventory topics after the pure edge parsing of {@code inventory.event}: who may report for
 * whom (events of unregistered organisations parked until they register), the endpoint projection
 * with its per-organisation counts ({@code InventoryProjection}, {@code CountsRepository},
 * {@code EndpointRepository}, {@code OrganisationFacts}), and the batch listener that dead-letters
 * poison records. What it publishes for others: its facts ({@code EndpointCounts},
 * {@code InventorySnapshot}, {@code LastScan}, {@code AlternativeSelection},
 * {@code ContractTermination}), the reads the process makes under the organisation's lock
 * ({@code InventoryState}) and the views make without ({@code EndpointFigures},
 * {@code EndpointListing}), the database views other modules may join ({@code InventoryViews}), and
 * its change notice: the {@code Signal}s it records through its port {@code InventoryChanges},
 * which the process implements. It depends on no module but {@code system}. Also the manual
 * inventory upload and retirement ({@code ManualRetirement}), published on the topic as a feed would,
 * and osquery's own result logs, read from one topic per organisation by its internal
 * {@code inventory.osquery}. Freshness is decided on each organisation's inventory clock
 * ({@code Freshness}, kept by {@code StaleCounts}), and organisations that verify rolling get their
 * rolling scans here ({@code RollingVerification}). Every active campaign classifies every endpoint by
 * its own decision, in rows of its own; a campaign that becomes active later adopts the endpoints stored
 * before ({@code CampaignAdoption}, {@code OrganisationAdoption}, {@code CampaignProjections}).
 */
package nl.phaseout.engine.inventory;
