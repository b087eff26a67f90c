package nl.phaseout.engine.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The {@code prod} profile runs on PostgreSQL, an external Kafka cluster and an
 * administrator whose credentials come from the environment. Without them it refuses to
 * start, naming every setting that is missing, instead of quietly falling back to the
 * embedded defaults. It refuses a weak administrator password (shorter than
 * {@value #MIN_PASSWORD_LENGTH}, containing the user name or the administrator's names, or a
 * known demo password) and the {@code dev} profile alongside (its demo users and their
 * passwords). The message never shows a secret: not the password, not a URL's credentials.
 */
class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

	static final int MIN_PASSWORD_LENGTH = 12;

	/** The demo set's passwords, and the first ones anybody tries. */
	private static final Set<String> KNOWN_PASSWORDS = Set.of("demo", "jan", "fatima", "sanne", "pieter", "admin",
			"administrator", "password", "camunda", "changeit", "secret", "bench");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		List<String> missing = new ArrayList<>();
		if (environment.acceptsProfiles(Profiles.of("dev"))) {
			missing.add("SPRING_PROFILES_ACTIVE without dev (dev creates demo users with known passwords; prod"
					+ " runs alone)");
		}
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:postgresql:")) {
			missing.add("SPRING_DATASOURCE_URL (a jdbc:postgresql: URL"
					+ (url.isBlank() ? "" : ", not a " + scheme(url) + " URL") + ")");
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
		else {
			String weakness = weakness(environment.getProperty("phaseout.admin.password"),
					environment.getProperty("phaseout.admin.user", ""),
					environment.getProperty("camunda.bpm.admin-user.first-name", ""),
					environment.getProperty("camunda.bpm.admin-user.last-name", ""));
			if (weakness != null) {
				missing.add("PHASEOUT_ADMIN_PASSWORD (" + weakness + ")");
			}
		}
		if (!missing.isEmpty()) {
			throw new MissingProductionSettingsException(missing);
		}
	}

	/** Why the password is too weak for production, without repeating it; null when it is not. */
	static String weakness(String password, String user, String firstName, String lastName) {
		if (password.length() < MIN_PASSWORD_LENGTH) {
			return "at least " + MIN_PASSWORD_LENGTH + " characters, not " + password.length();
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (KNOWN_PASSWORDS.contains(lower)) {
			return "not a known demo or default password";
		}
		for (String name : List.of(user, firstName, lastName)) {
			if (!name.isBlank() && lower.contains(name.toLowerCase(Locale.ROOT))) {
				return "must not contain the administrator's user name or names";
			}
		}
		return null;
	}

	/** Only the JDBC sub-protocol of a URL: whatever follows may hold a user name and password. */
	static String scheme(String url) {
		String[] parts = url.split(":", 3);
		return parts.length >= 2 && parts[0].equals("jdbc") ? "jdbc:" + parts[1] + ":" : "non-JDBC";
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
