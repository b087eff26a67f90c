package nl.phaseout.engine.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import nl.phaseout.engine.system.PhaseoutProperties;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo users of the {@code dev} profile, whose passwords are their user ids: the only
 * users created past the password policy. The administrator ({@code phaseout.admin.*}) is
 * created when the engine is built, with the {@code camunda-admin} group and its grants as the
 * Camunda starter's {@code camunda.bpm.admin-user} would; the project managers by the demo
 * organisations through {@link #save}. Other profiles create their administrator with
 * {@code camunda.bpm.admin-user}, under the policy.
 */
@Component
@Profile("dev")
public class DemoIdentities extends AbstractProcessEnginePlugin {

	private final String adminUser;

	private final String adminPassword;

	DemoIdentities(PhaseoutProperties properties) {
		this.adminUser = properties.admin().user();
		this.adminPassword = properties.admin().password();
		if (adminUser == null || adminPassword == null) {
			throw new IllegalStateException("The dev profile needs phaseout.admin.user and phaseout.admin.password");
		}
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		IdentityService identity = engine.getIdentityService();
		if (identity.createUserQuery().userId(adminUser).count() > 0) {
			return;
		}
		User user = identity.newUser(adminUser);
		user.setFirstName("Phase-out");
		user.setLastName("Administrator");
		user.setPassword(adminPassword);
		save(identity, user);
		if (identity.createGroupQuery().groupId(SecurityConfiguration.ADMIN).count() == 0) {
			Group group = identity.newGroup(SecurityConfiguration.ADMIN);
			group.setName("Camunda BPM Administrators");
			group.setType("SYSTEM");
			identity.saveGroup(group);
			grantEverything(engine.getAuthorizationService());
		}
		identity.createMembership(adminUser, SecurityConfiguration.ADMIN);
	}

	/** Saves a demo user with a password the policy would refuse, and an address to be mailed at. */
	public void save(IdentityService identity, User user) {
		if (user.getEmail() == null) {
			user.setEmail(user.getId() + "@phaseout.example");
		}
		((IdentityServiceImpl) identity).saveUser(user, true);
	}

	private static void grantEverything(AuthorizationService authorizations) {
		for (Resources resource : Resources.values()) {
			if (authorizations.createAuthorizationQuery()
				.groupIdIn(SecurityConfiguration.ADMIN)
				.resourceType(resource)
				.resourceId(ANY)
				.count() > 0) {
				continue;
			}
			Authorization all = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
			all.setGroupId(SecurityConfiguration.ADMIN);
			all.setResource(resource);
			all.setResourceId(ANY);
			all.addPermission(Permissions.ALL);
			authorizations.saveAuthorization(all);
		}
	}

}
