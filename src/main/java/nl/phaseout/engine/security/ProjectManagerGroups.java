package nl.phaseout.engine.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Service;

/**
 * The Camunda group of an organisation's project managers: created at registration when
 * it does not exist, with what its members need to work their tasks in Tasklist (the
 * tasks themselves are theirs as candidate group).
 */
@Service
public class ProjectManagerGroups {

	private static final String PROCESS_KEY = "phaseout-organisation";

	private final IdentityService identityService;

	private final IdentityBootstrap grants;

	ProjectManagerGroups(IdentityService identityService, IdentityBootstrap grants) {
		this.identityService = identityService;
		this.grants = grants;
	}

	public void ensure(String groupId, String organisationName) {
		if (identityService.createGroupQuery().groupId(groupId).count() > 0) {
			return;
		}
		Group group = identityService.newGroup(groupId);
		group.setName("Project managers of " + organisationName);
		group.setType("WORKFLOW");
		identityService.saveGroup(group);
		grants.grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		grants.grant(groupId, Resources.PROCESS_DEFINITION, PROCESS_KEY, Permissions.READ);
	}

}
