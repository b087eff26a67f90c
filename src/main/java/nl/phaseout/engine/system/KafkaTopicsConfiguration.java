package nl.phaseout.engine.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The contract's topics and the inbound ones configured besides, created at start when they do not exist yet. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

	static final int DEAD_LETTER_MAX_BYTES = 4 * 1024 * 1024;

	private final PhaseoutProperties.Topics topics;

	KafkaTopicsConfiguration(PhaseoutProperties properties) {
		this.topics = properties.kafka().topics();
	}

	@Bean
	KafkaAdmin.NewTopics phaseoutTopics(ObjectProvider<InboundTopics> inbound) {
		List<NewTopic> created = new ArrayList<>(
				List.of(topic(Topics.INVENTORY), topic(Topics.INVENTORY_MANUAL), deadLetterTopic(), topic(Topics.STATUS)));
		Set<String> names = new LinkedHashSet<>();
		inbound.orderedStream().forEach(topics -> names.addAll(topics.topics()));
		created.stream().map(NewTopic::name).toList().forEach(names::remove);
		names.forEach(name -> created.add(topic(name)));
		return new KafkaAdmin.NewTopics(created.toArray(NewTopic[]::new));
	}

	/**
	 * Room for the largest record the inbound topic accepts plus the reason header, so that a
	 * record rejected for its size can still be dead-lettered instead of blocking its partition.
	 */
	private NewTopic deadLetterTopic() {
		NewTopic topic = topic(Topics.INVENTORY_DLT);
		topic.configs(Map.of("max.message.bytes", String.valueOf(DEAD_LETTER_MAX_BYTES)));
		return topic;
	}

	private NewTopic topic(String name) {
		return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
	}

}
