/**
 * The benchmark: ingestion throughput against the Kafka ceiling (plain consumers with the engine's settings)
 * and the naive one-correlation-per-event baseline, latency from an event's scheduled send to the commit that
 * moved the process, and the human side's queries at scale; three runs, each figure as min / median / max.
 * Run it with {@code ./mvnw -B -Pbenchmark verify}; it measures and prints, it does not pass or fail on a time.
 * Also {@link nl.phaseout.engine.benchmark.ScaleOut}: one engine node against two on PostgreSQL, each a JVM of
 * its own, with {@code ./mvnw -B -Pscaleout verify}.
 */
package nl.phaseout.engine.benchmark;
