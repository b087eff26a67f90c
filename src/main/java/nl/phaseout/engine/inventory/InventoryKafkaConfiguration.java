package nl.phaseout.engine.inventory;

import java.time.Duration;

import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The inventory listener's container: batch listener, offsets committed after the listener
 * returns (so after the database committed), and the one error handler. Dead letters come from
 * ingestion alone ({@code InventoryIngestion} for invalid records and records the database
 * refuses for their content, {@code SourceCheck} for sources that may not report), without
 * failing the batch; so whatever reaches the handler is transient, such as the database being
 * down: the whole batch is retried with exponential back-off, without end, and never
 * dead-lettered (the handler has no recoverer to give up to). Consumer settings ({@code byte[]} values,
 * no auto-commit, read_committed, up to 5,000 records a poll) come from {@code spring.kafka.consumer},
 * the number of consumers from {@code spring.kafka.listener.concurrency}.
 */
@Configuration(proxyBeanMethods = false)
class InventoryKafkaConfiguration {

	static final String CONTAINER_FACTORY = "inventoryContainerFactory";

	/** How long stopping waits for a batch in progress, as {@code spring.lifecycle.timeout-per-shutdown-phase}. */
	private static final Duration SHUTDOWN = Duration.ofSeconds(30);

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> inventoryContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
		var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
		configurer.configure(factory, consumerFactory);
		factory.setBatchListener(true);
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		// stopping: a batch in progress is applied and its offsets committed before the consumer closes
		factory.getContainerProperties().setShutdownTimeout(SHUTDOWN.toMillis());
		factory.setCommonErrorHandler(new DefaultErrorHandler(backOff()));
		return factory;
	}

	/** From half a second, doubling, at most a minute apart, without end: the database comes back. */
	static ExponentialBackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(60_000);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		return backOff;
	}

}
