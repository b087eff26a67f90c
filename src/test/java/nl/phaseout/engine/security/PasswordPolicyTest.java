package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Threat: there was no password policy; a project manager set his password to "x". Camunda's
 * password policy is on: at least 12 characters, and not the user's own id or names.
 */
@Tag("security")
@Tag("e2e")
class PasswordPolicyTest extends SecurityTest {

	@Test
	void aProjectManagerCannotSetAShortPassword() {
		String pm = user("pm-min-jenv");

		ResponseEntity<String> weak = changePassword(pm, "x");
		ResponseEntity<String> ownName = changePassword(pm, pm + "-my-own-name");

		// Camunda REST answers the engine's refusal with 500 and its message.
		assertThat(weak.getStatusCode().isError()).isTrue();
		assertThat(weak.getBody()).contains("Password does not match policy");
		assertThat(ownName.getBody()).contains("Password does not match policy");
		assertThat(identityService.checkPassword(pm, PASSWORD)).as("the old password stands").isTrue();
		assertThat(changePassword(pm, "twelve-chars").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(identityService.checkPassword(pm, "twelve-chars")).isTrue();
	}

	@Test
	void theEngineRefusesAShortPasswordWhoeverSetsIt() {
		User user = identityService.newUser("short" + uniqueId("pw").toLowerCase());
		user.setPassword("eleven-char");

		assertThatThrownBy(() -> identityService.saveUser(user)).isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("policy");
	}

	@Test
	void thePolicyIsPublishedForTheWebapps() throws Exception {
		JsonNode policy = body(demo().getForEntity("/engine-rest/identity/password-policy", String.class));

		assertThat(policy.path("rules").toString()).contains("PASSWORD_POLICY_LENGTH").contains("\"minLength\":\"12\"")
			.contains("PASSWORD_POLICY_USER_DATA");
	}

	private ResponseEntity<String> changePassword(String userId, String password) {
		return as(userId).exchange("/engine-rest/user/" + userId + "/credentials", HttpMethod.PUT,
				new HttpEntity<>(Map.of("password", password, "authenticatedUserPassword", PASSWORD), jsonHeaders()),
				String.class);
	}

}
