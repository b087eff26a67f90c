package nl.phaseout.engine.system;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The contract's topics, created at start when they do not exist yet. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

	private final PhaseoutProperties.Topics topics;

	KafkaTopicsConfiguration(PhaseoutProperties properties) {
		this.topics = properties.kafka().topics();
	}

	@Bean
	KafkaAdmin.NewTopics phaseoutTopics() {
		return new KafkaAdmin.NewTopics(topic(Topics.INVENTORY), topic(Topics.INVENTORY_DLT), topic(Topics.STATUS));
	}

	private NewTopic topic(String name) {
		return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
	}

}
