package nl.phaseout.engine.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect provider for the sign-in tests: Spring Authorization Server in an
 * application context of its own, on a random port of {@code localhost}, with the client
 * {@code phaseout} (authorization code, client credentials) and users whose password is their name
 * and whose groups it puts in a {@code groups} claim of ID and access tokens. Only the few
 * auto-configurations a servlet server needs: none of the engine's.
 */
final class OidcProvider implements AutoCloseable {

	static final String CLIENT_ID = "phaseout";

	static final String CLIENT_SECRET = "phaseout-secret";

	/** The users, their password their name, and the groups their tokens list. */
	static final Map<String, List<String>> USERS = Map.of("jan", List.of("pm-min-jenv"), "demo",
			List.of("phaseout-office", "camunda-admin"), "vera", List.of("pm-tennet"));

	private final ConfigurableApplicationContext context;

	private OidcProvider(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts the provider; its client may come back to {@code redirectUri} only. */
	static OidcProvider start(String redirectUri) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
			.web(WebApplicationType.SERVLET)
			.properties("spring.config.name=oidc-provider", "server.port=0",
					"spring.main.banner-mode=off", "oidc-provider.redirect-uri=" + redirectUri)
			.run();
		return new OidcProvider(context);
	}

	/** The issuer as the application under test and the tests reach it (a host of its own for cookies). */
	String issuer() {
		return "http://localhost:" + ((ServletWebServerApplicationContext) context).getWebServer().getPort();
	}

	/** A token signed with the provider's own key, with whatever claims a test needs (expired, foreign). */
	@SuppressWarnings("unchecked")
	String sign(Map<String, Object> claims, Instant issuedAt, Duration valid) {
		JWKSource<SecurityContext> keys = context.getBean(JWKSource.class);
		JwtClaimsSet.Builder set = JwtClaimsSet.builder()
			.issuer(issuer())
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(valid))
			.id(UUID.randomUUID().toString());
		claims.forEach(set::claim);
		return new NimbusJwtEncoder(keys)
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), set.build()))
			.getTokenValue();
	}

	@Override
	public void close() {
		context.close();
	}

	/** Not a {@code @Configuration}: the application's component scan, which reaches test classes, must not find it. */
	@EnableWebSecurity
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
			ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
			JacksonAutoConfiguration.class })
	static class Provider {

		@Bean
		@Order(1)
		SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
			OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
			return http.securityMatcher(server.getEndpointsMatcher())
				.with(server, config -> config.oidc(Customizer.withDefaults()))
				.authorizeHttpRequests(access -> access.anyRequest().authenticated())
				.oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()))
				.exceptionHandling(exceptions -> exceptions
					.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
				.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain login(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests(access -> access.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults())
				.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(USERS.keySet()
				.stream()
				.map(name -> User.withUsername(name).password("{noop}" + name).roles("USER").build())
				.toList());
		}

		@Bean
		RegisteredClientRepository clients(org.springframework.core.env.Environment environment) {
			RegisteredClient phaseout = RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(CLIENT_ID)
				.clientSecret("{noop}" + CLIENT_SECRET)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.redirectUri(environment.getRequiredProperty("oidc-provider.redirect-uri"))
				.scope(OidcScopes.OPENID)
				.scope(OidcScopes.PROFILE)
				.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
				.build();
			return new InMemoryRegisteredClientRepository(phaseout);
		}

		/** The user's groups and name in the ID and the access token, as Keycloak's mappers add them. */
		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> groups() {
			return context -> {
				List<String> groups = USERS.get(context.getPrincipal().getName());
				boolean token = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
						|| OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
				if (groups != null && token) {
					context.getClaims().claim("groups", groups).claim("preferred_username", context.getPrincipal().getName());
				}
			};
		}

		@Bean
		JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}

		@Bean
		JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
			return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
		}

		@Bean
		AuthorizationServerSettings authorizationServerSettings() {
			return AuthorizationServerSettings.builder().build();
		}

	}

}
