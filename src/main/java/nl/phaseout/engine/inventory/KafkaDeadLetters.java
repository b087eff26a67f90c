package nl.phaseout.engine.inventory;

import java.nio.charset.StandardCharsets;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.stereotype.Component;

/**
 * The one way to {@code phaseout.inventory.dlt}, used by ingestion for records that can never be
 * accepted. The record goes unchanged (key, value, headers), to
 * the partition its key chooses, with {@code phaseout-error} saying why (and Spring Kafka's
 * {@code kafka_dlt-original-*} headers saying where it came from). Waits for the broker's ack.
 */
@Component
class KafkaDeadLetters implements DeadLetters {

	private final DeadLetterPublishingRecoverer recoverer;

	KafkaDeadLetters(KafkaTemplate<?, ?> kafkaTemplate) {
		this.recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, ex) -> new TopicPartition(Topics.INVENTORY_DLT, -1));
		this.recoverer.setHeadersFunction((record, ex) -> new RecordHeaders(new Header[] {
				new RecordHeader(InventoryTopics.ERROR_HEADER, reason(ex).getBytes(StandardCharsets.UTF_8)) }));
		this.recoverer.excludeHeader(HeadersToAdd.EX_STACKTRACE);
	}

	@Override
	public void publish(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
		recoverer.accept(record, null, reason);
	}

	/** The innermost message: the listener's failures wrap the cause. */
	static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
	}

}
