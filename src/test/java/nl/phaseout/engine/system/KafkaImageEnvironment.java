package nl.phaseout.engine.system;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the apache/kafka image (3.x) turns its environment into a broker configuration, from
 * its documentation (docker/examples/README.md in Apache Kafka's repository) and its scripts
 * (kafka-propertiesSpec.json, configureDefaults).
 */
final class KafkaImageEnvironment {

	/** Variables the image does not turn into broker properties. */
	private static final Set<String> NOT_BROKER_PROPERTIES = Set.of("KAFKA_VERSION", "KAFKA_HEAP_OPT",
			"KAFKA_LOG4J_OPTS", "KAFKA_OPTS", "KAFKA_JMX_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS",
			"KAFKA_LOG4J_ROOT_LOGLEVEL", "KAFKA_LOG4J_LOGGERS", "KAFKA_TOOLS_LOG4J_LOGLEVEL");

	/** Variables the image sets to single-node values when they are missing. */
	static final Set<String> SINGLE_NODE_DEFAULTS = Set.of("CLUSTER_ID", "KAFKA_NODE_ID",
			"KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "KAFKA_LISTENERS", "KAFKA_ADVERTISED_LISTENERS",
			"KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS",
			"KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
			"KAFKA_PROCESS_ROLES", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_INTER_BROKER_LISTENER_NAME",
			"KAFKA_CONTROLLER_LISTENER_NAMES", "KAFKA_LOG_DIRS");

	/** A single underscore between two other characters: the image makes it a dot. */
	private static final Pattern SINGLE_UNDERSCORE = Pattern.compile("[^_]_[^_]");

	private KafkaImageEnvironment() {
	}

	/** The broker settings the image writes from a container's environment. */
	static Map<String, String> brokerProperties(Map<String, String> environment) {
		Map<String, String> properties = new HashMap<>();
		environment.forEach((name, value) -> {
			if (name.startsWith("KAFKA_") && !NOT_BROKER_PROPERTIES.contains(name)) {
				properties.put(propertyName(name), value);
			}
		});
		return properties;
	}

	/** {@code _} is a dot, {@code __} an underscore, {@code ___} a dash, all in lower case. */
	static String propertyName(String variable) {
		String dotted = SINGLE_UNDERSCORE.matcher(variable.substring("KAFKA_".length()))
			.replaceAll(match -> match.group().replace('_', '.'));
		return dotted.replace("___", "-").replace("__", "_").toLowerCase(Locale.ROOT);
	}

}
