package nl.phaseout.engine.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import nl.phaseout.engine.inventory.EndpointCounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.system.CsvCells;
import nl.phaseout.engine.system.Problems;

/** Every organisation of a campaign, one row each, as JSON pages or as one CSV: for the programme office. */
@RestController
@Tag(name = "Campaigns")
@ApiResponse(responseCode = "403", description = "For the programme office (group phaseout-office) and"
		+ " administrators only")
class CampaignOrganisationsController {

	static final List<String> CSV_HEADER = List.of("id", "name", "category", "applicability", "phase", "phaseSince",
			"daysInPhase", "total", "banned", "protected", "unprotected", "stale", "retired", "lastScanId", "lastScanCompletedAt",
			"overdue", "overdueMilestones");

	private final CampaignOrganisations organisations;

	private final CampaignCatalog campaigns;

	private final CsvHeaders headers;

	CampaignOrganisationsController(CampaignOrganisations organisations, CampaignCatalog campaigns,
			CsvHeaders headers) {
		this.organisations = organisations;
		this.campaigns = campaigns;
		this.headers = headers;
	}

	@Operation(summary = "The campaign's organisations, one row each, a page at a time",
			description = "Filters: phase, category, overdue (true or false), endpoints (banned, unprotected,"
					+ " protected or any: the organisations in scope with at least one such live endpoint, those behind"
					+ " the campaign's endpoint figures) and q (in id or name).")
	@ApiResponse(responseCode = "200",
			content = @Content(schema = @Schema(implementation = CampaignOrganisations.Page.class)))
	@GetMapping("/api/campaigns/{id}/organisations")
	@Transactional(readOnly = true)
	ResponseEntity<?> organisations(@PathVariable String id, @RequestParam(required = false) String phase,
			@RequestParam(required = false) String category, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String endpoints, @RequestParam(required = false) String q,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size,
			@RequestParam(required = false) String sort, Authentication user) {
		ResponseEntity<ProblemDetail> refused = refused(id, user);
		if (refused != null) {
			return refused;
		}
		OrganisationQuery query = OrganisationQuery.parse(phase, category, overdue, endpoints, q, page, size, sort,
				"id");
		return ResponseEntity.ok(organisations.page(id, query, Scope.all(), Instant.now()));
	}

	@Operation(summary = "The same rows as one CSV, for a spreadsheet",
			description = "The header is English, or Dutch with lang=nl or an Accept-Language that prefers Dutch.")
	@ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	@GetMapping("/api/campaigns/{id}/organisations.csv")
	@Transactional(readOnly = true)
	ResponseEntity<?> csv(@PathVariable String id, @RequestParam(required = false) String phase,
			@RequestParam(required = false) String category, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String endpoints, @RequestParam(required = false) String q,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String lang,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			Authentication user, HttpServletResponse response) throws IOException {
		ResponseEntity<ProblemDetail> refused = refused(id, user);
		if (refused != null) {
			return refused;
		}
		OrganisationQuery query = OrganisationQuery.parse(phase, category, overdue, endpoints, q, null, null, sort,
				"id");
		response.setContentType("text/csv;charset=UTF-8");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Content-Disposition", "attachment; filename=\"" + id + "-organisations.csv\"");
		Writer out = response.getWriter();
		out.write(CsvCells.line(headers.of("organisations", CSV_HEADER, lang, acceptLanguage)));
		organisations.forEach(id, query, Scope.all(), Instant.now(), true, row -> write(out, row));
		out.flush();
		return null;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidQueryException ex) {
		return Problems.answer(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	private ResponseEntity<ProblemDetail> refused(String campaignId, Authentication user) {
		if (!OfficeReaders.isOffice(user)) {
			return Problems.answer(HttpStatus.FORBIDDEN,
					"The campaign's organisations are for the programme office (group phaseout-office) and administrators.");
		}
		if (campaigns.find(campaignId).isEmpty()) {
			return Problems.answer(HttpStatus.NOT_FOUND, "No campaign with id '" + campaignId + "'.");
		}
		return null;
	}

	private static void write(Writer out, OrganisationRow row) {
		EndpointCounts counts = row.endpoints();
		try {
			out.write(CsvCells.line(Arrays.asList(row.id(), row.name(), row.category(), row.applicability(),
					row.phase(), row.phaseSince(), row.daysInPhase(), counts.total(), counts.banned(),
					counts.protectedCount(), counts.unprotected(), counts.stale(), counts.retired(),
					row.lastScan() == null ? null : row.lastScan().scanId(),
					row.lastScan() == null ? null : row.lastScan().completedAt(), row.overdue(),
					String.join(";", row.overdueMilestones().stream().map(m -> m.milestone()).toList()))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
