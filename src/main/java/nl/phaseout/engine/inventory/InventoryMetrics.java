package nl.phaseout.engine.inventory;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code phaseout.inventory.events{outcome}} and {@code phaseout.inventory.advancements}, counted
 * once a batch has committed, so retried batches are not counted twice. Consumer lag comes from
 * the Kafka client metrics Spring Boot binds ({@code kafka.consumer.fetch.manager.records.lag*}).
 */
@Component
class InventoryMetrics {

	private final Map<Outcome, Counter> events = new EnumMap<>(Outcome.class);

	private final Counter advancements;

	InventoryMetrics(MeterRegistry registry) {
		for (Outcome outcome : Outcome.values()) {
			events.put(outcome, Counter.builder("phaseout.inventory.events")
				.description("Records read from phaseout.inventory, by what became of them")
				.tag("outcome", outcome.tag())
				.register(registry));
		}
		this.advancements = Counter.builder("phaseout.inventory.advancements")
			.description("Calls into the phase-out process made by inventory ingestion")
			.register(registry);
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
