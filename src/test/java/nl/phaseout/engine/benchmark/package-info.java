/**
 * The benchmark: ingestion throughput against the raw Kafka ceiling and a naive one-correlation-per-event
 * baseline, publish-to-advance latency, and the human side's queries at scale. Run it with
 * {@code ./mvnw -B -Pbenchmark verify}; it measures and prints, it does not pass or fail on a time.
 */
package nl.phaseout.engine.benchmark;
