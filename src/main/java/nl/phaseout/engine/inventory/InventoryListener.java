package nl.phaseout.engine.inventory;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code phaseout.inventory}, {@code phaseout.inventory.manual} and every feed's topic a poll
 * batch at a time, in the configured consumer group: one listener, one error handling.
 */
@Component
class InventoryListener {

	private final InventoryIngestion ingestion;

	InventoryListener(InventoryIngestion ingestion) {
		this.ingestion = ingestion;
	}

	@KafkaListener(id = "inventory", idIsGroup = false, topics = "#{@" + InventoryFeeds.BEAN + ".listened()}", batch = "true",
			containerFactory = InventoryKafkaConfiguration.CONTAINER_FACTORY)
	void onBatch(List<ConsumerRecord<String, byte[]>> records) {
		ingestion.ingest(records);
	}

}
