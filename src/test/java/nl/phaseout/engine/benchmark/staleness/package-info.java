/**
 * The cost of staleness at 10,000 organisations and 1,000,000 endpoints: ingestion per event on a large and a
 * small database, the plans of the statements staleness runs per event, how stale endpoints are found as time
 * passes (the inventory clock; the recount after a change of {@code staleAfter}), and the office's pages at that
 * size. Run it with {@code ./mvnw -B -Pbenchmark-staleness verify}; it measures and prints, it does not pass or
 * fail on a time.
 */
package nl.phaseout.engine.benchmark.staleness;
