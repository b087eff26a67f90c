package nl.phaseout.engine.system;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** Kafka is up when the cluster answers and names at least one broker. */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator {

	private static final int TIMEOUT_MS = 3000;

	private final Map<String, Object> adminConfig;

	private final PhaseoutProperties properties;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin, PhaseoutProperties properties) {
		super("Kafka health check failed");
		this.adminConfig = kafkaAdmin.getConfigurationProperties();
		this.properties = properties;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		try (Admin admin = Admin.create(clientConfig(adminConfig))) {
			DescribeClusterResult cluster = admin.describeCluster();
			Collection<Node> nodes = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
			builder.withDetail("clusterId", cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
				.withDetail("brokers", nodes.size())
				.withDetail("embedded", properties.kafka().embedded().enabled());
			if (nodes.isEmpty()) {
				builder.down();
			}
			else {
				builder.up();
			}
		}
	}

	/**
	 * The engine's own admin settings, security included (a SASL_SSL cluster answers nothing
	 * else), with timeouts short enough for a health check.
	 */
	static Map<String, Object> clientConfig(Map<String, Object> adminConfig) {
		Map<String, Object> config = new HashMap<>(adminConfig);
		config.put("request.timeout.ms", TIMEOUT_MS);
		config.put("default.api.timeout.ms", TIMEOUT_MS);
		return config;
	}

}
