package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The way to a SASL_SSL cluster in docs/operations.md, environment variables only, reaches every Kafka
 * client the engine makes: consumers, producers, the admin that creates the topics, and the
 * health check.
 */
class KafkaSecurityFromEnvironmentTest {

	private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
			+ "username=\"phaseout-engine\" password=\"from-the-secret-store\";";

	@Test
	void saslSslSettingsFromTheEnvironmentReachEveryKafkaClient(@TempDir Path dir) throws IOException {
		Path trustStore = Files.createFile(dir.resolve("kafka-ca.p12"));
		Map<String, Object> environment = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka-1.example.org:9094",
				"SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
				"SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", JAAS, "SPRING_KAFKA_SSL_TRUSTSTORELOCATION",
				trustStore.toUri().toString(), "SPRING_KAFKA_SSL_TRUSTSTORETYPE", "PKCS12",
				"SPRING_KAFKA_SSL_TRUSTSTOREPASSWORD", "changeit");

		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, KafkaAutoConfiguration.class))
			.withInitializer(context -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
			.run(context -> {
				Map<String, Object> admin = context.getBean(KafkaAdmin.class).getConfigurationProperties();
				for (Map<String, Object> client : new Map[] {
						context.getBean(ConsumerFactory.class).getConfigurationProperties(),
						context.getBean(ProducerFactory.class).getConfigurationProperties(), admin,
						KafkaHealthIndicator.clientConfig(admin) }) {
					assertThat(client).containsEntry("bootstrap.servers", List.of("kafka-1.example.org:9094"))
						.containsEntry("security.protocol", "SASL_SSL")
						.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
						.containsEntry("sasl.jaas.config", JAAS)
						.containsEntry("ssl.truststore.location", trustStore.toAbsolutePath().toString())
						.containsEntry("ssl.truststore.type", "PKCS12")
						.containsEntry("ssl.truststore.password", "changeit");
				}
			});
	}

}
