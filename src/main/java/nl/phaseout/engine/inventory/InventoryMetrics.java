package nl.phaseout.engine.inventory;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code phaseout.inventory.events{outcome}}, counted once a batch has committed, so retries are
 * not counted twice (the process's signal worker counts {@code phaseout.inventory.advancements}).
 * Consumer lag comes from the Kafka client metrics Spring Boot binds
 * ({@code kafka.consumer.fetch.manager.records.lag*}).
 */
@Component
class InventoryMetrics {

	private final Map<Outcome, Counter> events = new EnumMap<>(Outcome.class);

	InventoryMetrics(MeterRegistry registry) {
		for (Outcome outcome : Outcome.values()) {
			events.put(outcome, Counter.builder("phaseout.inventory.events")
				.description("Inventory records read (phaseout.inventory, the manual uploads', the feeds' and the osquery topics), by what became of them")
				.tag("outcome", outcome.tag())
				.register(registry));
		}
	}

	void events(Outcome outcome, int count) {
		if (count > 0) {
			events.get(outcome).increment(count);
		}
	}

}
