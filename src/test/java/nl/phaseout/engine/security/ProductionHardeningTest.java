package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import nl.phaseout.engine.PhaseoutEngineApplication;
import nl.phaseout.engine.system.MissingProductionSettingsException;

/**
 * Threat: a weak production. {@code prod} started with the administrator password {@code demo},
 * {@code prod,dev} started on PostgreSQL with the demo users, and the refusal message printed a
 * datasource URL with its password. Each is refused before anything starts, and no secret is shown.
 */
@Tag("security")
class ProductionHardeningTest {

	private static final String SECRET = "hunter2-db-secret";

	@Test
	void aWeakAdministratorPasswordIsRefused() {
		assertThat(refusal("--phaseout.admin.password=demo")).contains("PHASEOUT_ADMIN_PASSWORD (at least 12 characters");
		assertThat(refusal("--phaseout.admin.password=administrator")).contains("not a known demo or default password");
		assertThat(refusal("--phaseout.admin.password=phaseout-admin-2026"))
			.contains("must not contain the administrator's user name");
	}

	@Test
	void theDevProfileAlongsideProdIsRefused() {
		assertThat(refusal("--spring.profiles.active=prod,dev", "--phaseout.admin.password=a-strong-passphrase"))
			.contains("SPRING_PROFILES_ACTIVE without dev");
	}

	@Test
	void theRefusalNeverShowsASecret() {
		String message = refusal("--spring.datasource.url=jdbc:mysql://root:" + SECRET + "@db:3306/phaseout?password="
				+ SECRET, "--phaseout.admin.password=" + SECRET + "-but-short");

		assertThat(message).contains("not a jdbc:mysql: URL").doesNotContain(SECRET).doesNotContain("db:3306");
	}

	@Test
	void aStrongPasswordPassesTheCheck() {
		Throwable thrown = catchThrowable(() -> start(settings("--phaseout.admin.password=correct-horse-battery-staple",
				"--spring.datasource.username=")));

		assertThat(thrown).isInstanceOfSatisfying(MissingProductionSettingsException.class,
				refused -> assertThat(refused.missing()).containsExactly("SPRING_DATASOURCE_USERNAME"));
	}

	private static String refusal(String... overrides) {
		List<String> args = settings(overrides);
		Throwable thrown = catchThrowable(() -> start(args));
		assertThat(thrown).isInstanceOf(MissingProductionSettingsException.class);
		return thrown.getMessage();
	}

	private static List<String> settings(String... overrides) {
		List<String> args = new ArrayList<>(List.of("--spring.profiles.active=prod",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "--spring.datasource.username=phaseout",
				"--spring.kafka.bootstrap-servers=127.0.0.1:1", "--phaseout.admin.user=phaseout-admin"));
		for (String override : overrides) {
			String key = override.substring(0, override.indexOf('=') + 1);
			args.removeIf(arg -> arg.startsWith(key));
			args.add(override);
		}
		return args;
	}

	private static void start(List<String> args) {
		SpringApplication application = new SpringApplication(PhaseoutEngineApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args.toArray(String[]::new)).close();
	}

}
