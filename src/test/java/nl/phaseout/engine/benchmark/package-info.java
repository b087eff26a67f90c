/**
 * The benchmark: ingestion throughput against the Kafka ceiling (plain consumers with the engine's settings)
 * and the naive one-correlation-per-event baseline, latency from an event's scheduled send to the commit that
 * moved the process, and the human side's queries at scale; three runs, each figure as min / median / max.
 * Run it with {@code ./mvnw -B -Pbenchmark verify}; it measures and prints, it does not pass or fail on a time.
 */
package nl.phaseout.engine.benchmark;
