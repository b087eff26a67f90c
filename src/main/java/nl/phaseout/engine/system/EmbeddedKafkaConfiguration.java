package nl.phaseout.engine.system;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Runs the embedded broker when no external cluster is configured. The broker starts
 * while the context is being built, before the topics are created and any listener
 * starts, and it stops after every Kafka client of the application has closed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EmbeddedKafkaEnvironment.ENABLED, havingValue = "true")
class EmbeddedKafkaConfiguration {

	static final String BROKER_BEAN = "embeddedKafkaBroker";

	@Bean(name = BROKER_BEAN, initMethod = "start", destroyMethod = "stop")
	EmbeddedKafkaBroker embeddedKafkaBroker(PhaseoutProperties properties) {
		PhaseoutProperties.Embedded embedded = properties.kafka().embedded();
		return new EmbeddedKafkaBroker(properties.dataDir().resolve("kafka"), embedded.host(), embedded.port(),
				properties.kafka().topics().partitions());
	}

	/** Every Kafka client factory depends on the broker, so it starts first and stops last. */
	@Bean
	static BeanFactoryPostProcessor kafkaClientsDependOnEmbeddedBroker() {
		return (ConfigurableListableBeanFactory beanFactory) -> {
			Set<String> clients = new LinkedHashSet<>();
			for (Class<?> type : new Class<?>[] { KafkaAdmin.class, ProducerFactory.class, ConsumerFactory.class }) {
				clients.addAll(Arrays.asList(beanFactory.getBeanNamesForType(type, true, false)));
			}
			for (String name : clients) {
				BeanDefinition definition = beanFactory.getBeanDefinition(name);
				Set<String> dependsOn = new LinkedHashSet<>();
				if (definition.getDependsOn() != null) {
					dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
				}
				dependsOn.add(BROKER_BEAN);
				definition.setDependsOn(dependsOn.toArray(String[]::new));
			}
		};
	}

}
