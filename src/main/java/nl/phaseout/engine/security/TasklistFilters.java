package nl.phaseout.engine.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;

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
 * The two Tasklist filters everyone starts from, created once: a project manager's own
 * organisation's tasks, and the programme office's tasks. Every user may use them.
 */
@Component
class TasklistFilters implements SmartInitializingSingleton {

	static final String MY_ORGANISATION = "My organisation's tasks";

	static final String PROGRAMME_OFFICE = "Programme office";

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
		create(MY_ORGANISATION, -10, "Tasks of the organisations whose project manager you are",
				tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
		create(PROGRAMME_OFFICE, 0, "Programme-level tasks: missed deadlines and escalations",
				tasks.createTaskQuery().taskCandidateGroup(SecurityConfiguration.OFFICE).includeAssignedTasks());
	}

	private void create(String name, int priority, String description, TaskQuery query) {
		if (filters.createFilterQuery().filterName(name).count() > 0) {
			return;
		}
		Filter filter = filters.newTaskFilter(name)
			.setQuery(query)
			.setProperties(Map.of("priority", priority, "description", description, "refresh", true));
		filters.saveFilter(filter);
		Authorization everyone = authorizations.createNewAuthorization(AUTH_TYPE_GLOBAL);
		everyone.setUserId(ANY);
		everyone.setResource(Resources.FILTER);
		everyone.setResourceId(filter.getId());
		everyone.addPermission(Permissions.READ);
		authorizations.saveAuthorization(everyone);
	}

}
