package nl.phaseout.engine.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The two Tasklist filters, created once: a project manager's own organisation's tasks, which
 * every user may use, and the programme office's tasks, shown to the office only (a project
 * manager would see an empty list under a name that is not theirs). Named in Dutch, like the
 * tasks; a filter created under its former English name is renamed, not duplicated.
 */
@Component
class TasklistFilters implements SmartInitializingSingleton {

	static final String MY_ORGANISATION = "Taken van mijn organisatie";

	static final String PROGRAMME_OFFICE = "Programmabureau";

	/** The names before 0.3, which databases created then still hold. */
	private static final Map<String, String> FORMER_NAMES = Map.of(MY_ORGANISATION, "My organisation's tasks",
			PROGRAMME_OFFICE, "Programme office");

	private final FilterService filters;

	private final TaskService tasks;

	private final AuthorizationService authorizations;

	TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
		this.filters = filters;
		this.tasks = tasks;
		this.authorizations = authorizations;
	}

	@Override
	public void afterSingletonsInstantiated() {
		create(MY_ORGANISATION, -10, "Taken van de organisaties waarvan u projectleider bent",
				tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks(),
				null);
		create(PROGRAMME_OFFICE, 0, "Taken op programmaniveau: gemiste mijlpalen en escalaties",
				tasks.createTaskQuery().taskCandidateGroup(SecurityConfiguration.OFFICE).includeAssignedTasks(),
				SecurityConfiguration.OFFICE);
	}

	/** Creates the filter once, readable by everyone ({@code group} null) or by one group. */
	private void create(String name, int priority, String description, TaskQuery query, String group) {
		Filter filter = named(name);
		if (filter == null && (filter = named(FORMER_NAMES.get(name))) != null) {
			Map<String, Object> properties = new HashMap<>(filter.getProperties() == null ? Map.of() : filter.getProperties());
			properties.put("description", description);
			filters.saveFilter(filter.setName(name).setProperties(properties));
		}
		if (filter == null) {
			filter = filters.newTaskFilter(name)
				.setQuery(query)
				.setProperties(Map.of("priority", priority, "description", description, "refresh", true));
			filters.saveFilter(filter);
		}
		else if (group == null || !readableByEveryone(filter.getId())) {
			return;
		}
		else {
			// Installations before 0.2 let everyone read the office's filter.
			authorizations.createAuthorizationQuery()
				.authorizationType(AUTH_TYPE_GLOBAL)
				.resourceType(Resources.FILTER)
				.resourceId(filter.getId())
				.list()
				.forEach(global -> authorizations.deleteAuthorization(global.getId()));
		}
		Authorization read = authorizations.createNewAuthorization(group == null ? AUTH_TYPE_GLOBAL : AUTH_TYPE_GRANT);
		if (group == null) {
			read.setUserId(ANY);
		}
		else {
			read.setGroupId(group);
		}
		read.setResource(Resources.FILTER);
		read.setResourceId(filter.getId());
		read.addPermission(Permissions.READ);
		authorizations.saveAuthorization(read);
	}

	private Filter named(String name) {
		return filters.createFilterQuery().filterName(name).list().stream().findFirst().orElse(null);
	}

	private boolean readableByEveryone(String filterId) {
		return authorizations.createAuthorizationQuery()
			.authorizationType(AUTH_TYPE_GLOBAL)
			.resourceType(Resources.FILTER)
			.resourceId(filterId)
			.count() > 0;
	}

}
