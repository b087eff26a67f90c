package nl.phaseout.engine.system;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The embedded broker (KRaft, Kafka's own server classes) as production runs Kafka: every listener,
 * the controller's included, authenticates with SASL/PLAIN, and Kafka's {@code StandardAuthorizer}
 * lets a principal do only what an ACL grants it. {@code admin} is the super user (the brokers'
 * and controllers' own principal); every other user has no right until an ACL gives it one.
 */
public final class SaslKafkaBroker implements AutoCloseable {

	public static final String ADMIN = "admin";

	private final EmbeddedKafkaBroker broker;

	private final Map<String, String> passwords;

	/** @param users every user's name and password, besides the super user {@code admin} */
	public SaslKafkaBroker(Path logDir, Map<String, String> users) {
		this.passwords = new LinkedHashMap<>(users);
		this.passwords.put(ADMIN, "admin-" + Long.toHexString(System.nanoTime()));
		int port = EmbeddedKafkaBroker.freePort();
		String logins = passwords.entrySet()
			.stream()
			.map(user -> "user_" + user.getKey() + "=\"" + user.getValue() + "\"")
			.collect(Collectors.joining(" "));
		this.broker = new EmbeddedKafkaBroker(logDir, "localhost", port, 1, (properties, controllerPort) -> {
			properties.put("listeners", "SASL_PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
			properties.put("advertised.listeners", "SASL_PLAINTEXT://localhost:" + port);
			properties.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
			properties.put("inter.broker.listener.name", "SASL_PLAINTEXT");
			properties.put("sasl.enabled.mechanisms", "PLAIN");
			properties.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
			properties.put("sasl.mechanism.controller.protocol", "PLAIN");
			String jaas = jaas(ADMIN).replace(";", " " + logins + ";");
			properties.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas);
			properties.put("listener.name.controller.plain.sasl.jaas.config", jaas);
			properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
			properties.put("super.users", "User:" + ADMIN);
		}, client(ADMIN));
	}

	public SaslKafkaBroker start() {
		broker.start();
		return this;
	}

	public String bootstrapServers() {
		return broker.bootstrapServers();
	}

	/** A client's settings as this user: address, SASL_PLAINTEXT, PLAIN and the login. */
	public Map<String, Object> client(String user) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
		config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user));
		return config;
	}

	/** {@code sasl.jaas.config} for this user. */
	public String jaas(String user) {
		return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
				+ "\" password=\"" + passwords.get(user) + "\";";
	}

	@Override
	public void close() {
		broker.stop();
	}

}
