package nl.phaseout.engine.report;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nl.phaseout.engine.inventory.EndpointCounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.system.CsvCells;
import nl.phaseout.engine.system.Problems;

/**
 * The campaign's timeline and status reports, for the programme office. Reports are JSON, or CSV
 * with {@code Accept: text/csv} (or {@code ?format=csv}, for a link in a page).
 */
@RestController
@Tag(name = "Campaigns")
@ApiResponse(responseCode = "403", description = "For the programme office (group phaseout-office) and"
		+ " administrators only")
class ReportsController {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private static final String FORMAT = "json or csv, for a link that cannot send Accept: text/csv";

	private static final String LANG = "nl for a CSV header in Dutch (also when Accept-Language prefers Dutch); English otherwise";

	private static final List<String> LIST_HEADER = List.of("number", "periodStart", "periodEnd", "createdAt",
			"missedIntervals", "organisations", "total", "banned", "protected", "unprotected", "stale", "overdue");

	private static final List<String> REPORT_HEADER = List.of("section", "name", "value", "change");

	private final CampaignTimeline timeline;

	private final StatusReports reports;

	private final CampaignCatalog campaigns;

	private final CsvHeaders headers;

	ReportsController(CampaignTimeline timeline, StatusReports reports, CampaignCatalog campaigns,
			CsvHeaders headers) {
		this.timeline = timeline;
		this.reports = reports;
		this.campaigns = campaigns;
		this.headers = headers;
	}

	@Operation(summary = "The campaign's timeline: one point a day")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Timeline.class)))
	@GetMapping("/api/campaigns/{id}/timeline")
	ResponseEntity<?> timeline(@PathVariable String id, @RequestParam(required = false) String from,
			Authentication user) {
		ResponseEntity<ProblemDetail> refused = refused(id, user);
		if (refused != null) {
			return refused;
		}
		LocalDate since;
		try {
			since = from == null || from.isBlank() ? null : LocalDate.parse(from.trim());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidQueryException("from '" + from + "' must be a date such as 2026-11-28");
		}
		return ResponseEntity.ok(new Timeline(id, timeline.points(id, since)));
	}

	@Operation(summary = "The campaign's status reports, newest first, a page at a time")
	@ApiResponse(responseCode = "200", content = {
			@Content(mediaType = "application/json", schema = @Schema(implementation = ReportList.class)),
			@Content(mediaType = "text/csv", schema = @Schema(type = "string")) })
	@GetMapping("/api/campaigns/{id}/reports")
	ResponseEntity<?> reports(@PathVariable String id, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size,
			@Parameter(description = FORMAT) @RequestParam(required = false) String format,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			@Parameter(description = LANG) @RequestParam(required = false) String lang,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			Authentication user) {
		ResponseEntity<ProblemDetail> refused = refused(id, user);
		if (refused != null) {
			return refused;
		}
		OrganisationQuery paging = OrganisationQuery.parse(null, null, null, null, page, size, null);
		List<StatusReport.Summary> list = reports.list(id, paging.page(), paging.size());
		if (wantsCsv(format, accept)) {
			StringBuilder csv = new StringBuilder(CsvCells.line(headers.of("reports", LIST_HEADER, lang,
					acceptLanguage)));
			for (StatusReport.Summary s : list) {
				EndpointCounts e = s.endpoints();
				csv.append(CsvCells.line(List.of(s.number(), s.periodStart(), s.periodEnd(), s.createdAt(),
						s.missedIntervals(), s.organisations(), e.total(), e.banned(), e.protectedCount(),
						e.unprotected(), e.stale(), s.overdue())));
			}
			return csv(csv.toString(), id + "-reports.csv");
		}
		return ResponseEntity.ok(new ReportList(id, paging.page(), paging.size(), reports.count(id), list));
	}

	@Operation(summary = "One status report, with the changes since the one before")
	@ApiResponse(responseCode = "200", content = {
			@Content(mediaType = "application/json", schema = @Schema(implementation = StatusReport.class)),
			@Content(mediaType = "text/csv", schema = @Schema(type = "string")) })
	@GetMapping("/api/campaigns/{id}/reports/{number}")
	ResponseEntity<?> report(@PathVariable String id, @PathVariable String number,
			@Parameter(description = FORMAT) @RequestParam(required = false) String format,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			@Parameter(description = LANG) @RequestParam(required = false) String lang,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			Authentication user) {
		ResponseEntity<ProblemDetail> refused = refused(id, user);
		if (refused != null) {
			return refused;
		}
		int n;
		try {
			n = Integer.parseInt(number);
		}
		catch (NumberFormatException ex) {
			throw new InvalidQueryException("report number '" + number + "' is not a whole number");
		}
		StatusReport report = reports.find(id, n).orElse(null);
		if (report == null) {
			return Problems.answer(HttpStatus.NOT_FOUND,
					"Campaign '" + id + "' has no status report " + n + ".");
		}
		if (wantsCsv(format, accept)) {
			return csv(csv(report, headers.of("report", REPORT_HEADER, lang, acceptLanguage)),
					id + "-report-" + n + ".csv");
		}
		return ResponseEntity.ok(report);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidQueryException ex) {
		return Problems.answer(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	record Timeline(String campaignId, List<CampaignTimeline.Point> points) {
	}

	record ReportList(String campaignId, int page, int size, long total, List<StatusReport.Summary> reports) {
	}

	/** One report as lines of section, name, value and the change since the report before. */
	static String csv(StatusReport report) {
		return csv(report, REPORT_HEADER);
	}

	private static String csv(StatusReport report, List<String> header) {
		StringBuilder csv = new StringBuilder(CsvCells.line(header));
		CampaignFigures.Figures f = report.figures();
		StatusReport.Changes c = report.changes();
		csv.append(CsvCells.line(List.of("report", "number", report.number(), "")));
		csv.append(CsvCells.line(List.of("report", "periodStart", report.periodStart(), "")));
		csv.append(CsvCells.line(List.of("report", "periodEnd", report.periodEnd(), "")));
		csv.append(CsvCells.line(List.of("report", "createdAt", report.createdAt(), "")));
		csv.append(CsvCells.line(List.of("report", "missedIntervals", report.missedIntervals(), "")));
		csv.append(CsvCells.line(List.of("figure", "organisations", f.organisations(), c.organisations())));
		csv.append(CsvCells.line(List.of("figure", "overdue", f.overdue(), c.overdue())));
		EndpointCounts e = f.endpoints();
		EndpointCounts d = c.endpoints();
		csv.append(CsvCells.line(List.of("endpoints", "total", e.total(), d.total())));
		csv.append(CsvCells.line(List.of("endpoints", "banned", e.banned(), d.banned())));
		csv.append(CsvCells.line(List.of("endpoints", "protected", e.protectedCount(), d.protectedCount())));
		csv.append(CsvCells.line(List.of("endpoints", "unprotected", e.unprotected(), d.unprotected())));
		csv.append(CsvCells.line(List.of("endpoints", "stale", e.stale(), d.stale())));
		f.byPhase().forEach((phase, n) -> csv
			.append(CsvCells.line(List.of("phase", phase, n, c.byPhase().getOrDefault(phase, 0L)))));
		f.byCategory().forEach((category, phases) -> phases.forEach((phase, n) -> csv
			.append(CsvCells.line(List.of("category", category + "/" + phase, n, "")))));
		c.enteredPhase().forEach((phase, n) -> csv.append(CsvCells.line(List.of("enteredPhase", phase, n, ""))));
		for (StatusReport.OverdueOrganisation o : report.overdueOrganisations()) {
			List<String> milestones = new ArrayList<>();
			o.overdueMilestones().forEach(m -> milestones.add(m.milestone()));
			csv.append(CsvCells.line(Arrays.asList("overdue", o.id(), String.join(";", milestones),
					c.newlyOverdue().contains(o.id()) ? "new" : "")));
		}
		c.noLongerOverdue().forEach(id -> csv.append(CsvCells.line(List.of("noLongerOverdue", id, "", ""))));
		return csv.toString();
	}

	private ResponseEntity<ProblemDetail> refused(String campaignId, Authentication user) {
		if (!OfficeReaders.isOffice(user)) {
			return Problems.answer(HttpStatus.FORBIDDEN,
					"The campaign's timeline and reports are for the programme office (group phaseout-office) and administrators.");
		}
		if (campaigns.find(campaignId).isEmpty()) {
			return Problems.answer(HttpStatus.NOT_FOUND, "No campaign with id '" + campaignId + "'.");
		}
		return null;
	}

	private static boolean wantsCsv(String format, String accept) {
		if (format != null && !format.isBlank()) {
			if (format.equalsIgnoreCase("csv")) {
				return true;
			}
			if (format.equalsIgnoreCase("json")) {
				return false;
			}
			throw new InvalidQueryException("format '" + format + "' must be json or csv");
		}
		if (accept == null) {
			return false;
		}
		List<MediaType> types = MediaType.parseMediaTypes(accept);
		MediaType.sortBySpecificityAndQuality(types);
		for (MediaType type : types) {
			if (type.isCompatibleWith(CSV) && !type.isWildcardType() && !type.isWildcardSubtype()) {
				return true;
			}
			if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				return false;
			}
		}
		return false;
	}

	private static ResponseEntity<String> csv(String body, String filename) {
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
			.body(body);
	}

}
