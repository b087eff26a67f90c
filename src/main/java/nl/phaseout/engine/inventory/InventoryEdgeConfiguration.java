package nl.phaseout.engine.inventory;

import java.time.Clock;

import nl.phaseout.engine.inventory.event.InventoryEventParser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The parser at the edge of ingestion, with the configured clock skew. */
@Configuration(proxyBeanMethods = false)
class InventoryEdgeConfiguration {

	@Bean
	InventoryEventParser inventoryEventParser(InventoryProperties properties) {
		return new InventoryEventParser(Clock.systemUTC(), properties.maxClockSkew());
	}

}
