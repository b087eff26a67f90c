package nl.phaseout.engine.system;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides, before any bean exists, whether the embedded broker runs: it does unless
 * {@code spring.kafka.bootstrap-servers} names a cluster. When it runs, the Kafka clients
 * are pointed at it, and a port of 0 becomes a concrete free port.
 */
class EmbeddedKafkaEnvironment implements EnvironmentPostProcessor {

	static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

	static final String ENABLED = "phaseout.kafka.embedded.enabled";

	static final String PORT = "phaseout.kafka.embedded.port";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> resolved = new HashMap<>();
		String bootstrapServers = environment.getProperty(BOOTSTRAP_SERVERS);
		if (bootstrapServers != null && !bootstrapServers.isBlank()) {
			resolved.put(ENABLED, false);
		}
		else if (environment.getProperty(ENABLED, Boolean.class, true)) {
			String host = environment.getProperty("phaseout.kafka.embedded.host", "localhost");
			int port = environment.getProperty(PORT, Integer.class, 9092);
			if (port == 0) {
				port = EmbeddedKafkaBroker.freePort();
			}
			resolved.put(ENABLED, true);
			resolved.put(PORT, port);
			resolved.put(BOOTSTRAP_SERVERS, host + ":" + port);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("phaseoutEmbeddedKafka", resolved));
	}

}
