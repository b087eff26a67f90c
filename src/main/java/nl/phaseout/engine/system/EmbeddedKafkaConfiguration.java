package nl.phaseout.engine.system;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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

	static final String READY_BEAN = "embeddedKafkaReady";

	/**
	 * Starts the broker before any bean is created, on a thread of its own: it comes up
	 * while the process engine and the web server do, instead of after them.
	 */
	@Bean
	static BeanFactoryPostProcessor embeddedKafkaEarlyStart(Environment environment) {
		return (ConfigurableListableBeanFactory beanFactory) -> {
			PhaseoutProperties properties = Binder.get(environment).bindOrCreate("phaseout", PhaseoutProperties.class);
			PhaseoutProperties.Embedded embedded = properties.kafka().embedded();
			EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(properties.dataDir().resolve("kafka"), embedded.host(),
					embedded.port(), properties.kafka().topics().partitions());
			broker.startInBackground();
			beanFactory.registerSingleton(BROKER_BEAN, broker);
			((DefaultListableBeanFactory) beanFactory).registerDisposableBean(BROKER_BEAN, broker::stop);
		};
	}

	/** Exists once the broker answers; the Kafka clients wait for it. */
	@Bean(READY_BEAN)
	EmbeddedKafkaReady embeddedKafkaReady(EmbeddedKafkaBroker broker) {
		broker.awaitStarted();
		return new EmbeddedKafkaReady(broker.bootstrapServers());
	}

	record EmbeddedKafkaReady(String bootstrapServers) {
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
				dependsOn.add(READY_BEAN);
				definition.setDependsOn(dependsOn.toArray(String[]::new));
			}
		};
	}

}
