package nl.phaseout.engine.report;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who reads what of a campaign: the programme office and administrators see every
 * organisation; anyone else only the organisations whose project managers' group they are in.
 */
public final class OfficeReaders {

	public static final String OFFICE = "phaseout-office";

	public static final String ADMIN = "camunda-admin";

	private OfficeReaders() {
	}

	public static boolean isOffice(Authentication user) {
		return groups(user).stream().anyMatch(group -> group.equals(OFFICE) || group.equals(ADMIN));
	}

	public static Scope scopeOf(Authentication user) {
		return isOffice(user) ? Scope.all() : Scope.ofGroups(groups(user));
	}

	private static List<String> groups(Authentication user) {
		return user == null ? List.of()
				: user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

}
