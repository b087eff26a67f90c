package nl.phaseout.engine.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The project's own settings, under {@code phaseout.*}.
 *
 * @param dataDir where the embedded broker's log and the H2 files live
 * @param kafka the embedded broker and the topics
 */
@ConfigurationProperties("phaseout")
public record PhaseoutProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Kafka kafka) {

	/**
	 * @param embedded the in-process broker used when no external cluster is configured
	 * @param topics how the contract's topics are created
	 */
	public record Kafka(@DefaultValue Embedded embedded, @DefaultValue Topics topics) {
	}

	/**
	 * @param enabled set by {@link EmbeddedKafkaEnvironment}: true unless
	 * {@code spring.kafka.bootstrap-servers} is given
	 * @param host the address the broker listens on and advertises
	 * @param port the client port; 0 picks a free one
	 */
	public record Embedded(@DefaultValue("true") boolean enabled, @DefaultValue("localhost") String host,
			@DefaultValue("9092") int port) {
	}

	/**
	 * @param partitions partitions of each contract topic
	 * @param replicationFactor replicas of each contract topic (1 for the embedded broker)
	 */
	public record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {
	}

}
