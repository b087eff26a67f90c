package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import nl.phaseout.engine.security.SecuritySettings.OidcSettings;

@Tag("security")
class OidcClaimsTest {

	private final OidcClaims claims = new OidcClaims(new OidcSettings("groups", "preferred_username", null));

	@Test
	void theUserIsTheUserNameClaimOrElseTheSubject() {
		assertThat(claims.userId(Map.of("sub", "f3a1", "preferred_username", "jan"))).isEqualTo("jan");
		assertThat(claims.userId(Map.of("sub", "f3a1"))).isEqualTo("f3a1");
		assertThat(claims.userId(Map.of("sub", "f3a1", "preferred_username", " "))).isEqualTo("f3a1");
	}

	@Test
	void groupsAreAListOrOneStringOfIds() {
		assertThat(claims.groups(Map.of("groups", List.of("pm-min-jenv", "phaseout-office"))))
			.containsExactly("pm-min-jenv", "phaseout-office");
		assertThat(claims.groups(Map.of("groups", "pm-min-jenv, camunda-admin"))).containsExactly("pm-min-jenv",
				"camunda-admin");
		assertThat(claims.groups(Map.of("sub", "jan"))).isEmpty();
	}

	@Test
	void theGroupsClaimIsConfigurable() {
		OidcClaims roles = new OidcClaims(new OidcSettings("roles", "preferred_username", null));
		assertThat(roles.groups(Map.of("roles", List.of("camunda-admin"), "groups", List.of("pm-x"))))
			.containsExactly("camunda-admin");
	}

}
