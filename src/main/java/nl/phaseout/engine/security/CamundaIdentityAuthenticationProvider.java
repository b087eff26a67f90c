package nl.phaseout.engine.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks credentials against Camunda's identity service, so the users and groups that
 * Camunda Admin manages are the only ones. Each Camunda group becomes an authority
 * named after the group id.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

	private final IdentityService identityService;

	CamundaIdentityAuthenticationProvider(IdentityService identityService) {
		this.identityService = identityService;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String userId = authentication.getName();
		Object credentials = authentication.getCredentials();
		if (userId == null || userId.isBlank() || credentials == null
				|| !identityService.checkPassword(userId, credentials.toString())) {
			throw new BadCredentialsException("Unknown user or wrong password");
		}
		List<SimpleGrantedAuthority> authorities = identityService.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.map(Group::getId)
			.map(SimpleGrantedAuthority::new)
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
