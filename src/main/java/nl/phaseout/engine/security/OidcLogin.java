package nl.phaseout.engine.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Where a browser that is not signed in goes: the office's login form, or, with sign-in by OpenID
 * Connect ({@link OidcSignInConfiguration}), the provider.
 */
final class OidcLogin {

	/** The client registration: {@code spring.security.oauth2.client.registration.phaseout.*}. */
	static final String REGISTRATION = "phaseout";

	/** Starts the authorization code flow at the provider. */
	static final String AUTHORIZATION = "/oauth2/authorization/" + REGISTRATION;

	private OidcLogin() {
	}

	static boolean configured(ObjectProvider<ClientRegistrationRepository> registrations) {
		ClientRegistrationRepository repository = registrations.getIfAvailable();
		return repository != null && repository.findByRegistrationId(REGISTRATION) != null;
	}

	/** The login page for a browser: the provider when configured, else the office's form. */
	static AuthenticationEntryPoint loginPage(ObjectProvider<ClientRegistrationRepository> registrations) {
		return new LoginUrlAuthenticationEntryPoint(
				configured(registrations) ? AUTHORIZATION : OfficeSecurityConfiguration.LOGIN);
	}

}
