package nl.phaseout.engine.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import nl.phaseout.engine.system.PhaseoutProperties;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The groups every installation needs, created once: the programme office, which sees
 * and works every organisation's phase-out in Tasklist and Cockpit. The configured
 * administrator is a member. Safe to run on every start and on every node.
 */
@Component
class IdentityBootstrap implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

	private final IdentityService identityService;

	private final AuthorizationService authorizationService;

	private final String adminUser;

	/** The office group's name as Tasklist shows it beside a task. */
	static final String OFFICE_NAME = "Programmabureau";

	IdentityBootstrap(IdentityService identityService, AuthorizationService authorizationService,
			PhaseoutProperties properties) {
		this.identityService = identityService;
		this.authorizationService = authorizationService;
		this.adminUser = properties.admin().user() == null ? "" : properties.admin().user();
	}

	@Override
	public void afterSingletonsInstantiated() {
		String office = SecurityConfiguration.OFFICE;
		if (identityService.createGroupQuery().groupId(office).count() == 0) {
			Group group = identityService.newGroup(office);
			group.setName(OFFICE_NAME);
			group.setType("WORKFLOW");
			identityService.saveGroup(group);
			grant(office, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
			grant(office, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
			grant(office, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_TASK,
					Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.UPDATE_TASK);
			grant(office, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
			grant(office, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
			grant(office, Resources.TASK, ANY, Permissions.READ, Permissions.UPDATE);
			log.info("Created group {} with its authorizations", office);
		}
		Group named = identityService.createGroupQuery().groupId(office).singleResult();
		if (named != null && "Programme office".equals(named.getName())) {
			// its name before 0.3; Tasklist shows it beside the office's tasks
			named.setName(OFFICE_NAME);
			identityService.saveGroup(named);
		}
		if (!adminUser.isBlank() && identityService.createUserQuery().userId(adminUser).count() == 1
				&& identityService.createUserQuery().userId(adminUser).memberOfGroup(office).count() == 0) {
			identityService.createMembership(adminUser, office);
		}
	}

	void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
		Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
		authorization.setGroupId(groupId);
		authorization.setResource(resource);
		authorization.setResourceId(resourceId);
		for (Permission permission : permissions) {
			authorization.addPermission(permission);
		}
		authorizationService.saveAuthorization(authorization);
	}

}
