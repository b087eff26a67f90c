package nl.phaseout.engine.security;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Bearer tokens of the OpenID Connect provider, besides HTTP Basic, when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set: signed by the issuer's keys,
 * from that issuer, not expired, and for this application ({@code phaseout.security.oidc.audience},
 * by default the client id of the registration {@code phaseout}). The user and the groups come from
 * the token's claims ({@link OidcClaims}), so Camunda's authorizations apply to its groups.
 */
final class BearerTokens {

	static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

	private static final String CLIENT_ID = "spring.security.oauth2.client.registration." + OidcLogin.REGISTRATION
			+ ".client-id";

	private BearerTokens() {
	}

	/** Accepts the provider's bearer tokens on this filter chain, when an issuer is set; else nothing changes. */
	static void acceptIfConfigured(HttpSecurity http, Environment environment, SecuritySettings settings,
			AuthenticationEntryPoint entryPoint) throws Exception {
		String issuer = environment.getProperty(ISSUER);
		if (issuer == null || issuer.isBlank()) {
			return;
		}
		String audience = settings.oidc().audience() != null ? settings.oidc().audience()
				: environment.getProperty(CLIENT_ID);
		if (audience == null || audience.isBlank()) {
			throw new IllegalStateException("Bearer tokens of " + issuer + " need the audience they must be for: set "
					+ "phaseout.security.oidc.audience (PHASEOUT_SECURITY_OIDC_AUDIENCE) to the audience the provider "
					+ "puts in this application's access tokens, or configure the client registration "
					+ OidcLogin.REGISTRATION + ", whose client id is then the audience.");
		}
		OidcClaims claims = new OidcClaims(settings.oidc());
		http.oauth2ResourceServer(server -> server
			.jwt(jwt -> jwt.decoder(decoder(issuer, audience)).jwtAuthenticationConverter(token -> user(token, claims)))
			.authenticationEntryPoint(entryPoint));
	}

	/** Reads the issuer's metadata and keys at the first token, so the application starts without the provider. */
	static JwtDecoder decoder(String issuer, String audience) {
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
					new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
							audiences -> audiences != null && audiences.contains(audience))));
			return decoder;
		});
	}

	/** Each group an authority named after it, as for the users of Camunda's identity service. */
	private static AbstractAuthenticationToken user(Jwt token, OidcClaims claims) {
		List<SimpleGrantedAuthority> groups = claims.groups(token.getClaims())
			.stream()
			.map(SimpleGrantedAuthority::new)
			.toList();
		return new JwtAuthenticationToken(token, groups, claims.userId(token.getClaims()));
	}

}
