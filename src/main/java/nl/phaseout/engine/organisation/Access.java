package nl.phaseout.engine.organisation;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who may read an organisation: the programme office, administrators, and its own PMs. */
final class Access {

	private Access() {
	}

	static boolean mayRead(Authentication user, String pmGroup) {
		return user != null && user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(group -> group.equals("phaseout-office") || group.equals("camunda-admin") || group.equals(pmGroup));
	}

}
