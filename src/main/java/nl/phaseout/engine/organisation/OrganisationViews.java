package nl.phaseout.engine.organisation;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import nl.phaseout.engine.process.OpenTasks;
import nl.phaseout.engine.record.ClosureRecords;
import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.EndpointFigures;
import nl.phaseout.engine.report.ParticipationView;
import nl.phaseout.engine.report.Participations;

/** Puts an organisation's view together from the read model, the engine and the inventory. */
@Component
class OrganisationViews {

	private final OrganisationRepository organisations;

	private final Participations participations;

	private final EndpointFigures figures;

	private final OpenTasks tasks;

	private final ClosureRecords records;

	private final OrganisationSources sources;

	OrganisationViews(OrganisationRepository organisations, Participations participations, EndpointFigures figures,
			OpenTasks tasks, ClosureRecords records, OrganisationSources sources) {
		this.sources = sources;
		this.organisations = organisations;
		this.participations = participations;
		this.figures = figures;
		this.tasks = tasks;
		this.records = records;
	}

	@Transactional(readOnly = true)
	Optional<OrganisationView> find(String id) {
		return organisations.find(id).map(organisation -> {
			List<OrganisationView.CampaignView> campaigns = participations.forOrganisation(id)
				.stream()
				.map(participation -> campaignView(organisation, participation))
				.toList();
			return new OrganisationView(organisation.id(), organisation.name(), organisation.category(),
					organisation.pmGroup(), organisation.registeredAt(), sources.of(id), organisations.verification(id),
					campaigns);
		});
	}

	Optional<Organisation> organisation(String id) {
		return organisations.find(id);
	}

	private OrganisationView.CampaignView campaignView(Organisation organisation, ParticipationView participation) {
		String processInstanceId = participation.processInstanceId();
		List<OrganisationView.TaskView> openTasks = processInstanceId == null ? List.of()
				: tasks.of(processInstanceId)
					.stream()
					.map(task -> new OrganisationView.TaskView(task.id(), task.taskDefinitionKey(), task.name(),
							task.created()))
					.toList();
		String campaignId = participation.campaignId();
		InventorySnapshot inventory = figures.snapshot(campaignId, organisation.id());
		return new OrganisationView.CampaignView(campaignId,
				records.applicability(campaignId, organisation.id()).orElse(null), participation.phase().name(),
				participation.overdue(), openTasks, inventory.counts(), inventory.lastScan(), participation.deadlines(),
				participations.missedMilestones(campaignId, organisation.id()),
				records.lastVerification(campaignId, organisation.id()).map(OrganisationViews::verification).orElse(null));
	}

	/** The latest verification scan considered and its verdict: why an organisation in verification still waits. */
	private static OrganisationView.Verification verification(java.util.Map<String, Object> scan) {
		return new OrganisationView.Verification((String) scan.get("scanId"), (String) scan.get("completedAt"),
				(String) scan.get("verdict"), (String) scan.get("reason"));
	}

}
