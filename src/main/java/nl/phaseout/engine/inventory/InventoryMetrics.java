package nl.phaseout.engine.inventory;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code phaseout.inventory.events{outcome}} and {@code phaseout.inventory.advancements}, counted
 * once a batch or a round of process signals has committed, so retries are not counted twice;
 * {@code phaseout.inventory.signals.pending} and {@code .failed} for the signals between them.
 * Consumer lag comes from the Kafka client metrics Spring Boot binds
 * ({@code kafka.consumer.fetch.manager.records.lag*}).
 */
@Component
class InventoryMetrics {

	private final Map<Outcome, Counter> events = new EnumMap<>(Outcome.class);

	private final Counter advancements;

	private final Counter signalsFailed;

	private final MeterRegistry registry;

	InventoryMetrics(MeterRegistry registry) {
		for (Outcome outcome : Outcome.values()) {
			events.put(outcome, Counter.builder("phaseout.inventory.events")
				.description("Records read from phaseout.inventory, by what became of them")
				.tag("outcome", outcome.tag())
				.register(registry));
		}
		this.advancements = Counter.builder("phaseout.inventory.advancements")
			.description("Calls into the phase-out process made for inventory changes")
			.register(registry);
		this.signalsFailed = Counter.builder("phaseout.inventory.signals.failed")
			.description("Deliveries of a process signal that failed and were postponed")
			.register(registry);
		this.registry = registry;
	}

	/** {@code phaseout.inventory.signals.pending}: signals recorded and not delivered yet. */
	void signalsPending(ProcessSignals signals) {
		Gauge.builder("phaseout.inventory.signals.pending", signals, ProcessSignals::pending)
			.description("Process signals recorded by ingestion and not delivered yet")
			.register(registry);
	}

	void signalFailed() {
		signalsFailed.increment();
	}

	void events(Outcome outcome, int count) {
		if (count > 0) {
			events.get(outcome).increment(count);
		}
	}

	void advancements(int count) {
		if (count > 0) {
			advancements.increment(count);
		}
	}

}
