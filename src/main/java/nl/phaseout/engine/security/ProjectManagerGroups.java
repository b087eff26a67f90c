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

	/** The group's name as Tasklist shows it beside a task: Dutch, like the rest of Tasklist. */
	static final String NAME_PREFIX = "Projectleiders van ";

	private static final String FORMER_PREFIX = "Project managers of ";

	private final IdentityBootstrap grants;

	ProjectManagerGroups(IdentityService identityService, IdentityBootstrap grants) {
		this.identityService = identityService;
		this.grants = grants;
	}

	public void ensure(String groupId, String organisationName) {
		Group existing = identityService.createGroupQuery().groupId(groupId).singleResult();
		if (existing != null) {
			// Tasklist shows the name beside each task: a group named in English before 0.3 is named in Dutch
			if (existing.getName() != null && existing.getName().startsWith(FORMER_PREFIX)) {
				existing.setName(NAME_PREFIX + organisationName);
				identityService.saveGroup(existing);
			}
			return;
		}
		Group group = identityService.newGroup(groupId);
		group.setName(NAME_PREFIX + organisationName);
		group.setType("WORKFLOW");
		identityService.saveGroup(group);
		grants.grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		grants.grant(groupId, Resources.PROCESS_DEFINITION, PROCESS_KEY, Permissions.READ);
	}

}
