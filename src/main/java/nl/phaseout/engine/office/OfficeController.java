package nl.phaseout.engine.office;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.process.Milestone;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.process.Category;
import nl.phaseout.engine.process.Phase;
import nl.phaseout.engine.report.CampaignFigures;
import nl.phaseout.engine.report.CampaignOrganisations;
import nl.phaseout.engine.report.CampaignTimeline;
import nl.phaseout.engine.report.InvalidQueryException;
import nl.phaseout.engine.report.OfficeReaders;
import nl.phaseout.engine.report.OrganisationQuery;
import nl.phaseout.engine.report.OrganisationRow;
import nl.phaseout.engine.report.ParticipationView;
import nl.phaseout.engine.report.Participations;
import nl.phaseout.engine.report.ReportingProperties;
import nl.phaseout.engine.report.Scope;
import nl.phaseout.engine.report.StatusReports;

/**
 * The dashboard and the organisation page. The office and administrators see the whole
 * campaign; anyone else sees the organisations whose project managers' group they are in.
 */
@Controller
class OfficeController {

	/** Days of trend on the dashboard. */
	static final int TREND_DAYS = 90;

	private final CampaignCatalog campaigns;

	private final CampaignFigures figures;

	private final CampaignOrganisations organisations;

	private final CampaignTimeline timeline;

	private final StatusReports reports;

	private final Participations participations;

	private final TaskService tasks;

	private final AuthorizationService authorizations;

	private final ReportingProperties properties;

	private final OrganisationEvidence evidence;

	OfficeController(CampaignCatalog campaigns, CampaignFigures figures, CampaignOrganisations organisations,
			CampaignTimeline timeline, StatusReports reports, Participations participations, TaskService tasks,
			AuthorizationService authorizations, ReportingProperties properties, OrganisationEvidence evidence) {
		this.evidence = evidence;
		this.campaigns = campaigns;
		this.figures = figures;
		this.organisations = organisations;
		this.timeline = timeline;
		this.reports = reports;
		this.participations = participations;
		this.tasks = tasks;
		this.authorizations = authorizations;
		this.properties = properties;
	}

	@GetMapping("/office")
	@Transactional(readOnly = true)
	String dashboard(@RequestParam(required = false) String campaign, @RequestParam(required = false) String phase,
			@RequestParam(required = false) String category, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String q, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size, @RequestParam(required = false) String sort,
			Authentication user, Model model) {
		Campaign shown = campaign(campaign);
		Instant now = Instant.now();
		Scope scope = OfficeReaders.scopeOf(user);
		OrganisationQuery query;
		try {
			query = OrganisationQuery.parse(phase, category, overdue, q, page, size, sort);
		}
		catch (InvalidQueryException ex) {
			model.addAttribute("queryError", ex.getMessage());
			query = OrganisationQuery.FIRST_PAGE;
		}
		boolean office = OfficeReaders.isOffice(user);
		common(model, user);
		model.addAttribute("campaign", shown);
		model.addAttribute("office", office);
		CampaignFigures.Figures shownFigures = figures.figures(shown.id(), scope, now);
		model.addAttribute("figures", shownFigures);
		model.addAttribute("categoryLines", categoryLines(shownFigures));
		model.addAttribute("categoryPhases", List.of(Phase.values())
			.stream()
			.map(Phase::name)
			.filter(p -> shownFigures.byCategory().values().stream().anyMatch(m -> m.containsKey(p)))
			.toList());
		model.addAttribute("query", query);
		model.addAttribute("table", organisations.page(shown.id(), query, scope, now));
		model.addAttribute("links", new TableLinks(shown.id(), query));
		model.addAttribute("categories", Category.NAMES);
		model.addAttribute("phases", List.of(Phase.values()));
		if (office) {
			List<CampaignTimeline.Point> points = timeline.points(shown.id(),
					LocalDate.ofInstant(now, properties.zone()).minusDays(TREND_DAYS - 1));
			model.addAttribute("points", points);
			model.addAttribute("chart", points.isEmpty() ? null : TrendChart.of(points));
			model.addAttribute("reports", reports.list(shown.id(), 0, 10));
		}
		return "office/dashboard";
	}

	@GetMapping("/office/organisations/{id}")
	@Transactional(readOnly = true)
	String organisation(@PathVariable String id, @RequestParam(required = false) String campaign, Authentication user,
			Model model) {
		Campaign shown = campaign(campaign);
		Instant now = Instant.now();
		// Another organisation's page answers as an unknown one does: 404.
		OrganisationRow row = organisations.find(shown.id(), id, OfficeReaders.scopeOf(user), now)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		common(model, user);
		model.addAttribute("campaign", shown);
		model.addAttribute("row", row);
		model.addAttribute("deadlines", deadlines(shown.id(), row, now));
		model.addAttribute("tasks", row.processInstanceId() == null ? List.of()
				: tasks.createTaskQuery()
					.processInstanceId(row.processInstanceId())
					.orderByTaskCreateTime()
					.asc()
					.list()
					.stream()
					.map(task -> new OfficeViews.OpenTask(task.getId(), task.getName(), task.getTaskDefinitionKey(),
							task.getCreateTime().toInstant(),
							task.getDueDate() == null ? null : task.getDueDate().toInstant()))
					.toList());
		evidence.addTo(model, shown.id(), row.id());
		return "office/organisation";
	}

	/** Per category: how many organisations, how many are done (phased out or out of scope), and per phase. */
	private static List<OfficeViews.CategoryLine> categoryLines(CampaignFigures.Figures figures) {
		List<OfficeViews.CategoryLine> lines = new ArrayList<>();
		for (String category : Category.NAMES) {
			Map<String, Long> byPhase = figures.byCategory().getOrDefault(category, Map.of());
			long total = byPhase.values().stream().mapToLong(Long::longValue).sum();
			long done = Stream.of(Phase.values())
				.filter(Phase::isDone)
				.mapToLong(phase -> byPhase.getOrDefault(phase.name(), 0L))
				.sum();
			if (total > 0) {
				lines.add(new OfficeViews.CategoryLine(category, total, done, byPhase));
			}
		}
		return lines;
	}

	private void common(Model model, Authentication user) {
		model.addAttribute("userName", user.getName());
		model.addAttribute("cockpit", mayUseCockpit(user));
	}

	private List<OfficeViews.Deadline> deadlines(String campaignId, OrganisationRow row, Instant now) {
		ParticipationView participation = participations.forOrganisation(row.id())
			.stream()
			.filter(p -> p.campaignId().equals(campaignId))
			.findFirst()
			.orElse(null);
		List<OfficeViews.Deadline> deadlines = new ArrayList<>();
		if (participation == null) {
			return deadlines;
		}
		for (String name : Milestone.deadlines()) {
			Instant due = participation.deadlines().get(name);
			if (due == null) {
				continue;
			}
			OrganisationRow.OverdueMilestone missed = row.overdueMilestones()
				.stream()
				.filter(m -> m.milestone().equals(name))
				.findFirst()
				.orElse(null);
			String status = missed != null ? "missed" : row.reached(name) || !due.isAfter(now) ? "reached" : "open";
			deadlines.add(new OfficeViews.Deadline(name, due, status, missed == null ? 0 : missed.daysLate()));
		}
		return deadlines;
	}

	/** Cockpit is for those Camunda lets in: administrators and groups with access to the application. */
	private boolean mayUseCockpit(Authentication user) {
		List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		return groups.contains(OfficeReaders.ADMIN) || authorizations.isUserAuthorized(user.getName(), groups,
				Permissions.ACCESS, Resources.APPLICATION, "cockpit");
	}

	private Campaign campaign(String id) {
		if (id != null && !id.isBlank()) {
			return campaigns.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		return campaigns.find(Campaign.DEFAULT_ID)
			.or(() -> campaigns.active().stream().findFirst())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
