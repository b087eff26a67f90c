package nl.phaseout.engine.inventory;

import java.time.Duration;
import java.util.List;

import nl.phaseout.engine.inventory.event.InventoryEventParser;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The inventory ingestion's settings, under {@code phaseout.inventory}.
 *
 * @param trustedSources CloudEvents sources (exact, or a prefix ending in {@code *}) that may
 * report for every organisation; none unless set
 * @param maxClockSkew how far an event's times may lie ahead of the engine's clock; later ones are
 * dead-lettered, since an observation dated in the future would outrank every real one to come
 */
@ConfigurationProperties("phaseout.inventory")
record InventoryProperties(List<String> trustedSources, @DefaultValue("PT5M") Duration maxClockSkew) {

	InventoryProperties {
		trustedSources = trustedSources == null ? List.of()
				: trustedSources.stream().filter(entry -> entry != null && !entry.isBlank()).toList();
		List<String> problems = SourcePatterns.problems(trustedSources);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("phaseout.inventory.trusted-sources: " + String.join("; ", problems));
		}
		trustedSources = SourcePatterns.normalise(trustedSources);
		if (maxClockSkew == null || maxClockSkew.isNegative()) {
			throw new IllegalArgumentException("phaseout.inventory.max-clock-skew must be zero or more");
		}
	}

	static InventoryProperties defaults() {
		return new InventoryProperties(List.of(), InventoryEventParser.DEFAULT_MAX_CLOCK_SKEW);
	}

}
