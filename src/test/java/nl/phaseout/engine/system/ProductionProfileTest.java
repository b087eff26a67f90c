package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;

import nl.phaseout.engine.PhaseoutEngineApplication;

class ProductionProfileTest {

	@Test
	void prodProfileRefusesToStartWithoutItsSettings() {
		SpringApplication application = new SpringApplication(PhaseoutEngineApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatThrownBy(() -> application.run("--spring.profiles.active=prod"))
			.isInstanceOf(MissingProductionSettingsException.class)
			.hasMessageContaining("SPRING_DATASOURCE_URL")
			.hasMessageContaining("SPRING_KAFKA_BOOTSTRAP_SERVERS")
			.hasMessageContaining("PHASEOUT_ADMIN_USER")
			.hasMessageContaining("PHASEOUT_ADMIN_PASSWORD");
	}

	@Test
	void prodProfileNamesOnlyWhatIsMissing() {
		SpringApplication application = new SpringApplication(PhaseoutEngineApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatThrownBy(() -> application.run("--spring.profiles.active=prod",
				"--spring.datasource.url=jdbc:postgresql://db:5432/phaseout", "--spring.datasource.username=phaseout",
				"--spring.kafka.bootstrap-servers=kafka:9092", "--phaseout.admin.user=admin"))
			.isInstanceOfSatisfying(MissingProductionSettingsException.class,
					ex -> assertThat(ex.missing()).containsExactly("PHASEOUT_ADMIN_PASSWORD"));
	}

	@Test
	void failureAnalysisSaysWhatToSet() {
		FailureAnalysis analysis = new MissingProductionSettingsFailureAnalyzer()
			.analyze(new MissingProductionSettingsException(java.util.List.of("PHASEOUT_ADMIN_PASSWORD")));
		assertThat(analysis.getDescription()).contains("PHASEOUT_ADMIN_PASSWORD");
		assertThat(analysis.getAction()).contains("environment variables");
	}

}
