package nl.phaseout.engine.inventory;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code phaseout.inventory}, {@code phaseout.inventory.manual} and every feed's topic a poll
 * batch at a time, in the configured consumer group: one ingestion, one error handling. The osquery
 * topics ({@code phaseout.inventory.osquery.<organisationId>}) are read by pattern, in the same group
 * and container factory, so that an organisation's topic is read once it has been created (within
 * the consumer's {@code metadata.max.age.ms}), from its first record.
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

	@KafkaListener(id = "inventory-osquery", idIsGroup = false,
			topicPattern = "#{@" + InventoryFeeds.BEAN + ".osqueryPattern()}", batch = "true",
			containerFactory = InventoryKafkaConfiguration.CONTAINER_FACTORY)
	void onOsqueryBatch(List<ConsumerRecord<String, byte[]>> records) {
		ingestion.ingest(records);
	}

}
