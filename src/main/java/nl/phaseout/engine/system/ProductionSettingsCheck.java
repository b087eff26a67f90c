package nl.phaseout.engine.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The {@code prod} profile runs on PostgreSQL, an external Kafka cluster and an
 * administrator whose credentials come from the environment. Without them it refuses to
 * start, naming every setting that is missing, instead of quietly falling back to the
 * embedded defaults.
 */
class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		List<String> missing = new ArrayList<>();
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:postgresql:")) {
			missing.add("SPRING_DATASOURCE_URL (a jdbc:postgresql: URL"
					+ (url.isBlank() ? "" : ", not " + url.replaceAll("\\?.*", "")) + ")");
		}
		if (isBlank(environment, "spring.datasource.username")) {
			missing.add("SPRING_DATASOURCE_USERNAME");
		}
		if (isBlank(environment, "spring.kafka.bootstrap-servers")) {
			missing.add("SPRING_KAFKA_BOOTSTRAP_SERVERS (the external Kafka cluster)");
		}
		if (isBlank(environment, "phaseout.admin.user")) {
			missing.add("PHASEOUT_ADMIN_USER");
		}
		if (isBlank(environment, "phaseout.admin.password")) {
			missing.add("PHASEOUT_ADMIN_PASSWORD");
		}
		if (!missing.isEmpty()) {
			throw new MissingProductionSettingsException(missing);
		}
	}

	private static boolean isBlank(ConfigurableEnvironment environment, String property) {
		String value = environment.getProperty(property);
		return value == null || value.isBlank();
	}

	/** Before the embedded broker decides to start on a missing bootstrap-servers. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
