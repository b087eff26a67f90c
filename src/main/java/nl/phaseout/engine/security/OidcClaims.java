package nl.phaseout.engine.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import nl.phaseout.engine.security.SecuritySettings.OidcSettings;

/**
 * Who a token of the OpenID Connect provider speaks for: the user's id and Camunda groups, read
 * from its claims as {@link OidcSettings} say. Such users need not exist in Camunda's identity
 * tables: the groups are what Camunda's authorizations are checked against.
 */
final class OidcClaims {

	private final OidcSettings settings;

	OidcClaims(OidcSettings settings) {
		this.settings = settings;
	}

	/** The user-name claim, or {@code sub} when the token has none. */
	String userId(Map<String, Object> claims) {
		Object name = claims.get(settings.userNameClaim());
		if (name instanceof String text && !text.isBlank()) {
			return text;
		}
		return Objects.toString(claims.get("sub"), null);
	}

	/**
	 * The groups claim: a list of group ids, or one string of ids separated by commas or spaces;
	 * none when the token has no such claim.
	 */
	List<String> groups(Map<String, Object> claims) {
		Object groups = claims.get(settings.groupsClaim());
		if (groups instanceof Collection<?> many) {
			return many.stream().filter(Objects::nonNull).map(Object::toString).filter(id -> !id.isBlank()).toList();
		}
		if (groups instanceof String text) {
			return Arrays.stream(text.split("[,\\s]+")).filter(id -> !id.isBlank()).toList();
		}
		return List.of();
	}

}
