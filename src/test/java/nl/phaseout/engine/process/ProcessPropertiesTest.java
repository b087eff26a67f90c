package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ProcessPropertiesTest {

	@Test
	void byDefaultANodeHasAWorkerForEachProcessorAtMostFour() {
		ProcessProperties unset = bind(Map.of());

		assertThat(unset.workers())
			.isEqualTo(Math.min(ProcessProperties.MOST_BY_DEFAULT, Runtime.getRuntime().availableProcessors()))
			.isBetween(1, ProcessProperties.MOST_BY_DEFAULT);
	}

	@Test
	void anOperatorSetsTheNumberOfWorkers() {
		assertThat(bind(Map.of("phaseout.process.workers", "7")).workers()).isEqualTo(7);
	}

	@Test
	void fewerThanOneWorkerIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ProcessProperties(0, null))
			.withMessageContaining("phaseout.process.workers must be at least 1");
	}

	@Test
	void theRoundIsLeftToTheDatabaseUnlessAnOperatorSetsIt() {
		assertThat(bind(Map.of()).round()).isNull();
		assertThat(bind(Map.of("phaseout.process.round", "40")).round()).isEqualTo(40);
		assertThatIllegalArgumentException().isThrownBy(() -> new ProcessProperties(1, 0))
			.withMessageContaining("phaseout.process.round must be at least 1");
	}

	private static ProcessProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("phaseout.process", ProcessProperties.class);
	}

}
