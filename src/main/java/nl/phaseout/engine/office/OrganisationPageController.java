package nl.phaseout.engine.office;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.exemption.Exemptions;
import nl.phaseout.engine.process.Milestone;
import nl.phaseout.engine.process.OpenTasks;
import nl.phaseout.engine.report.CampaignOrganisations;
import nl.phaseout.engine.report.OfficeReaders;
import nl.phaseout.engine.report.OrganisationRow;
import nl.phaseout.engine.report.ParticipationView;
import nl.phaseout.engine.report.Participations;
import nl.phaseout.engine.report.ReportingProperties;

/**
 * An organisation's page: where it stands in the campaign, its deadlines, the tasks its
 * process waits for and the evidence. Only for those who may see the organisation on the
 * dashboard.
 */
@Controller
class OrganisationPageController {

	private final OfficePages pages;

	private final CampaignOrganisations organisations;

	private final Participations participations;

	private final OpenTasks tasks;

	private final OrganisationEvidence evidence;

	private final ReportingProperties properties;

	private final Exemptions exemptions;

	OrganisationPageController(OfficePages pages, CampaignOrganisations organisations, Participations participations,
			OpenTasks tasks, OrganisationEvidence evidence, ReportingProperties properties, Exemptions exemptions) {
		this.exemptions = exemptions;
		this.properties = properties;
		this.pages = pages;
		this.organisations = organisations;
		this.participations = participations;
		this.tasks = tasks;
		this.evidence = evidence;
	}

	@GetMapping("/office/organisations/{id}")
	@Transactional(readOnly = true)
	String organisation(@PathVariable String id, @RequestParam(required = false) String campaign, Authentication user,
			Locale locale, Model model) {
		Campaign shown = pages.campaign(campaign);
		Instant now = Instant.now();
		// Another organisation's page answers as an unknown one does: 404.
		OrganisationRow row = organisations.find(shown.id(), id, OfficeReaders.scopeOf(user), now)
			.orElseThrow(() -> new NotShownException("organisation", id));
		pages.addFrame(model, user);
		model.addAttribute("campaign", shown);
		model.addAttribute("row", row);
		model.addAttribute("deadlines", deadlines(shown.id(), row, now));
		model.addAttribute("tasks", row.processInstanceId() == null ? List.of() : tasks.of(row.processInstanceId()));
		evidence.addTo(model, shown.id(), row.id(), locale);
		model.addAttribute("exemptions", exemptions.forOrganisation(row.id())
			.stream()
			.filter(exemption -> exemption.campaignId().equals(shown.id()))
			.toList());
		return "office/organisation";
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
			boolean missed = row.overdueMilestones().stream().anyMatch(m -> m.milestone().equals(name));
			String status;
			if (row.outOfScope()) {
				status = "notApplicable";
			}
			else if (row.reached(name)) {
				status = "reached";
			}
			else if (!row.heldToDeadlines()) {
				status = "pending";
			}
			else {
				status = missed ? "missed" : "open";
			}
			// Days late as people count them: the due day is "today", the day after "1 day late".
			ZoneId zone = properties.zone();
			long daysLate = missed ? Math.max(0, ChronoUnit.DAYS.between(LocalDate.ofInstant(due, zone),
					LocalDate.ofInstant(now, zone))) : 0;
			deadlines.add(new OfficeViews.Deadline(name, due, status, daysLate));
		}
		return deadlines;
	}

}
