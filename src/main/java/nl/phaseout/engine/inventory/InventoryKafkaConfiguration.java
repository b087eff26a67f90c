package nl.phaseout.engine.inventory;

import java.util.Map;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The inventory listener's container: batch listener, offsets committed after the listener
 * returns (so after the database committed), and a single error handler. Invalid records never
 * reach it (ingestion dead-letters them itself, without failing the batch), so whatever it sees
 * is transient, such as the database being down: the whole batch is retried with exponential
 * back-off, indefinitely, and never dead-lettered. Consumer settings ({@code byte[]} values,
 * no auto-commit, read_committed, up to 5,000 records a poll) come from {@code spring.kafka.consumer},
 * the number of consumers from {@code spring.kafka.listener.concurrency}.
 */
@Configuration(proxyBeanMethods = false)
class InventoryKafkaConfiguration {

	static final String CONTAINER_FACTORY = "inventoryContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> inventoryContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
			KafkaDeadLetters deadLetters) {
		var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
		configurer.configure(factory, consumerFactory);
		factory.setBatchListener(true);
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		factory.setCommonErrorHandler(errorHandler(deadLetters));
		return factory;
	}

	/**
	 * Everything is retried except an invalid record. Only an invalid record is ever dead-lettered:
	 * should the handler give up on anything else, the recoverer refuses and the batch is replayed,
	 * so a good record never lands on the dead-letter topic.
	 */
	static DefaultErrorHandler errorHandler(KafkaDeadLetters deadLetters) {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(60_000);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		DefaultErrorHandler handler = new DefaultErrorHandler(onlyInvalidRecords(deadLetters), backOff);
		handler.setClassifications(Map.of(InvalidEventException.class, false), true);
		return handler;
	}

	static ConsumerRecordRecoverer onlyInvalidRecords(KafkaDeadLetters deadLetters) {
		return (record, exception) -> {
			if (!(NestedExceptionUtils.getMostSpecificCause(exception) instanceof InvalidEventException)) {
				throw new IllegalStateException("Not dead-lettering " + record.topic() + "-" + record.partition() + "@"
						+ record.offset() + ": the failure is not the record's fault", exception);
			}
			deadLetters.recoverer().accept(record, exception);
		};
	}

}
