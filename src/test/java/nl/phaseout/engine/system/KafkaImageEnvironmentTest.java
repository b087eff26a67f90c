package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaImageEnvironmentTest {

	@Test
	void readsVariableNamesAsTheImageDocumentsThem() {
		assertThat(KafkaImageEnvironment.propertyName("KAFKA_ABC_DEF")).isEqualTo("abc.def");
		assertThat(KafkaImageEnvironment.propertyName("KAFKA_ABC___DEF")).isEqualTo("abc-def");
		assertThat(KafkaImageEnvironment.propertyName("KAFKA_ABC__DEF")).isEqualTo("abc_def");
		assertThat(KafkaImageEnvironment.propertyName("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"))
			.isEqualTo("offsets.topic.replication.factor");
	}

	@Test
	void leavesOutWhatIsNotABrokerSetting() {
		assertThat(KafkaImageEnvironment.brokerProperties(Map.of("KAFKA_NODE_ID", "1", "KAFKA_OPTS", "-Dx=y",
				"CLUSTER_ID", "4L6g3nShT-eMCtK--X86sw")))
			.isEqualTo(Map.of("node.id", "1"));
	}

}
