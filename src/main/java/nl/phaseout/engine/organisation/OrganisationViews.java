package nl.phaseout.engine.organisation;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import nl.phaseout.engine.report.EndpointFigures;
import nl.phaseout.engine.report.ParticipationView;
import nl.phaseout.engine.report.Participations;

/** Puts an organisation's view together from the read model, the engine and the inventory. */
@Component
class OrganisationViews {

	private final OrganisationRepository organisations;

	private final Participations participations;

	private final EndpointFigures figures;

	private final TaskService tasks;

	private final HistoryService history;

	private final OrganisationSources sources;

	OrganisationViews(OrganisationRepository organisations, Participations participations, EndpointFigures figures,
			TaskService tasks, HistoryService history, OrganisationSources sources) {
		this.sources = sources;
		this.organisations = organisations;
		this.participations = participations;
		this.figures = figures;
		this.tasks = tasks;
		this.history = history;
	}

	@Transactional(readOnly = true)
	Optional<OrganisationView> find(String id) {
		return organisations.find(id).map(organisation -> {
			List<OrganisationView.CampaignView> campaigns = participations.forOrganisation(id)
				.stream()
				.map(participation -> campaignView(organisation, participation))
				.toList();
			return new OrganisationView(organisation.id(), organisation.name(), organisation.category(),
					organisation.pmGroup(), organisation.registeredAt(), sources.of(id), campaigns);
		});
	}

	Optional<Organisation> organisation(String id) {
		return organisations.find(id);
	}

	private OrganisationView.CampaignView campaignView(Organisation organisation, ParticipationView participation) {
		String processInstanceId = participation.processInstanceId();
		List<OrganisationView.TaskView> openTasks = processInstanceId == null ? List.of()
				: tasks.createTaskQuery()
					.processInstanceId(processInstanceId)
					.orderByTaskCreateTime()
					.asc()
					.list()
					.stream()
					.map(task -> new OrganisationView.TaskView(task.getId(), task.getTaskDefinitionKey(),
							task.getName(), task.getCreateTime().toInstant()))
					.toList();
		return new OrganisationView.CampaignView(participation.campaignId(), applicability(processInstanceId),
				participation.phase().name(), participation.overdue(), openTasks,
				figures.counts(participation.campaignId(), organisation.id()),
				figures.lastScan(organisation.id()).orElse(null), participation.deadlines());
	}

	private String applicability(String processInstanceId) {
		if (processInstanceId == null) {
			return null;
		}
		HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.variableName("applicability")
			.singleResult();
		return variable == null ? null : (String) variable.getValue();
	}

}
