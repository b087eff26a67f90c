package nl.phaseout.engine.inventory;

import java.time.Clock;

import nl.phaseout.engine.inventory.event.InventoryEventParser;
import nl.phaseout.engine.inventory.osquery.OsqueryResults;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The readers at the edge of ingestion (CloudEvents, osquery's result logs), with the configured clock skew. */
@Configuration(proxyBeanMethods = false)
class InventoryEdgeConfiguration {

	@Bean
	InventoryEventParser inventoryEventParser(InventoryProperties properties) {
		return new InventoryEventParser(Clock.systemUTC(), properties.maxClockSkew());
	}

	@Bean
	InventoryRecords inventoryRecords(InventoryEventParser parser, InventoryProperties properties) {
		return new InventoryRecords(parser, new OsqueryResults(Clock.systemUTC(), properties.maxClockSkew()));
	}

}
