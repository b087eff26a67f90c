package nl.phaseout.engine.office;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.Category;
import nl.phaseout.engine.process.Phase;
import nl.phaseout.engine.report.CampaignFigures;
import nl.phaseout.engine.report.CampaignOrganisations;
import nl.phaseout.engine.report.CampaignTimeline;
import nl.phaseout.engine.report.OfficeReaders;
import nl.phaseout.engine.report.OrganisationQuery;
import nl.phaseout.engine.report.ReportingProperties;
import nl.phaseout.engine.report.Scope;
import nl.phaseout.engine.report.StatusReports;

/**
 * The dashboard: a campaign's figures and its organisations table. The office and administrators
 * see the whole campaign, with its trend and status reports; anyone else sees the organisations
 * whose project managers' group they are in.
 */
@Controller
class DashboardController {

	/** Days of trend on the dashboard. */
	static final int TREND_DAYS = 90;

	private final OfficePages pages;

	private final CampaignFigures figures;

	private final CampaignOrganisations organisations;

	private final CampaignTimeline timeline;

	private final StatusReports reports;

	private final ReportingProperties properties;

	DashboardController(OfficePages pages, CampaignFigures figures, CampaignOrganisations organisations,
			CampaignTimeline timeline, StatusReports reports, ReportingProperties properties) {
		this.pages = pages;
		this.figures = figures;
		this.organisations = organisations;
		this.timeline = timeline;
		this.reports = reports;
		this.properties = properties;
	}

	@GetMapping("/office")
	@Transactional(readOnly = true)
	String dashboard(@RequestParam(required = false) String campaign, @RequestParam(required = false) String phase,
			@RequestParam(required = false) String category, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String endpoints, @RequestParam(required = false) String q,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size,
			@RequestParam(required = false) String sort, Authentication user, Locale locale, Model model) {
		Campaign shown = pages.campaign(campaign);
		Instant now = Instant.now();
		Scope scope = OfficeReaders.scopeOf(user);
		// A filter the page cannot apply is a 400 in the page's language (OfficeErrors), never a half-filtered table.
		OrganisationQuery query = OrganisationQuery.parse(phase, category, overdue, endpoints, q, page, size, sort,
				OrganisationQuery.OVERDUE_FIRST);
		boolean office = OfficeReaders.isOffice(user);
		pages.addFrame(model, user);
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
		model.addAttribute("links", new TableLinks(shown.id(), query, OfficeLocales.supported(locale).getLanguage()));
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

	/**
	 * Per category: how many organisations, how many of those that must or chose to phase out have
	 * done so, and per phase. Not required and declined advice are out of scope, never done.
	 */
	static List<OfficeViews.CategoryLine> categoryLines(CampaignFigures.Figures figures) {
		List<OfficeViews.CategoryLine> lines = new ArrayList<>();
		for (String category : Category.NAMES) {
			Map<String, Long> byPhase = figures.byCategory().getOrDefault(category, Map.of());
			long total = byPhase.values().stream().mapToLong(Long::longValue).sum();
			long outOfScope = byPhase.getOrDefault(Phase.NOT_REQUIRED.name(), 0L)
					+ byPhase.getOrDefault(Phase.DECLINED.name(), 0L);
			long phasedOut = byPhase.getOrDefault(Phase.PHASED_OUT.name(), 0L);
			if (total > 0) {
				lines.add(new OfficeViews.CategoryLine(category, total, total - outOfScope, phasedOut, byPhase));
			}
		}
		return lines;
	}

}
