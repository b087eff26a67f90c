package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.util.backoff.BackOffExecution;

class DeadLetterRecoveryTest {

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<Object, Object> template = mock(KafkaTemplate.class);

	private final KafkaDeadLetters deadLetters = new KafkaDeadLetters(template);

	@Test
	void invalidRecordGoesUnchangedToTheDeadLetterTopicWithItsReason() {
		ArgumentCaptor<ProducerRecord<Object, Object>> sent = ArgumentCaptor.captor();
		when(template.send(sent.capture())).thenAnswer(invocation -> CompletableFuture.completedFuture(
				new SendResult<>(invocation.getArgument(0), new RecordMetadata(new TopicPartition(Topics.INVENTORY_DLT,
						1), 0, 0, 0, 0, 0))));
		var record = TestRecords.record("ORG", "not json", Map.of("content-type", "application/cloudevents+json"));

		deadLetters.publish(record, new InvalidEventException("value is not JSON"));

		ProducerRecord<Object, Object> letter = sent.getValue();
		assertThat(letter.topic()).isEqualTo(Topics.INVENTORY_DLT);
		assertThat(letter.partition()).as("chosen by the key").isNull();
		assertThat(letter.key()).isEqualTo("ORG");
		assertThat(letter.value()).isEqualTo(record.value());
		assertThat(header(letter, "content-type")).isEqualTo("application/cloudevents+json");
		assertThat(header(letter, InventoryTopics.ERROR_HEADER)).isEqualTo("value is not JSON");
	}

	@Test
	void aFailureThatReachesTheListenersErrorHandlerIsRetriedWithoutEndAtMostAMinuteApart() {
		BackOffExecution retries = InventoryKafkaConfiguration.backOff().start();

		assertThat(retries.nextBackOff()).isEqualTo(500);
		for (int attempt = 2; attempt < 10_000; attempt++) {
			assertThat(retries.nextBackOff()).as("attempt %d", attempt).isNotEqualTo(BackOffExecution.STOP)
				.isLessThanOrEqualTo(60_000);
		}
	}

	private static String header(ProducerRecord<Object, Object> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
