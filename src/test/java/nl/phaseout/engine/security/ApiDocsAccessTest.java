package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Threat: the API's description and Swagger UI open to anyone. The description is for every
 * signed-in user, Swagger UI (which lets its user try the API out) for the programme office and
 * administrators; nothing of either is anonymous.
 */
@Tag("security")
class ApiDocsAccessTest extends SecurityTest {

	/** A project manager of the dev profile's demo organisations (password: the user id). */
	private static final String PROJECT_MANAGER = "jan";

	@Test
	void theDescriptionNeedsCredentials() {
		ResponseEntity<String> anonymous = http.getForEntity("/v3/api-docs", String.class);

		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertProblem(anonymous);
	}

	@Test
	void anySignedInUserMayReadTheDescription() {
		ResponseEntity<String> description = http.withBasicAuth(PROJECT_MANAGER, PROJECT_MANAGER)
			.getForEntity("/v3/api-docs", String.class);

		assertThat(description.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(description.getBody()).contains("\"/api/organisations/{id}\"");
	}

	@Test
	void swaggerUiIsForTheProgrammeOffice() {
		ResponseEntity<String> office = demo().getForEntity("/swagger-ui/index.html", String.class);
		ResponseEntity<String> projectManager = http.withBasicAuth(PROJECT_MANAGER, PROJECT_MANAGER)
			.getForEntity("/swagger-ui/index.html", String.class);
		ResponseEntity<String> entry = http.withBasicAuth(PROJECT_MANAGER, PROJECT_MANAGER)
			.getForEntity("/swagger-ui.html", String.class);

		assertThat(office.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(office.getBody()).contains("swagger-ui");
		assertThat(projectManager.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(projectManager);
		assertThat(entry.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void aBrowserNotSignedInIsAskedToSignIn() {
		ResponseEntity<String> anonymous = http.withRedirects(Redirects.DONT_FOLLOW)
			.getForEntity("/swagger-ui.html", String.class);
		ResponseEntity<String> config = http.getForEntity("/v3/api-docs/swagger-config", String.class);

		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(anonymous.getHeaders().getLocation()).hasPath("/office/login");
		assertThat(config.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void swaggerUisOwnConfigurationIsForSignedInUsers() {
		ResponseEntity<String> config = demo().getForEntity("/v3/api-docs/swagger-config", String.class);

		assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(config.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
	}

	@Test
	void theTopicsDescriptionIsServedToSignedInUsersOnly() {
		ResponseEntity<String> anonymous = http.getForEntity("/asyncapi.yaml", String.class);
		ResponseEntity<String> projectManager = http.withBasicAuth(PROJECT_MANAGER, PROJECT_MANAGER)
			.getForEntity("/asyncapi.yaml", String.class);

		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(projectManager.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(projectManager.getBody()).startsWith("asyncapi:").contains("phaseout.inventory");
	}

}
