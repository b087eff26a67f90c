package nl.phaseout.engine.report;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.inventory.EndpointCounts;
import nl.phaseout.engine.system.Problems;

/**
 * The programme office's view of one campaign: the {@link CampaignFigures} the dashboard, the
 * timeline and the status reports show, for every organisation of the campaign.
 */
@RestController
@Tag(name = "Campaigns", description = "A campaign's progress, its organisations, timeline and status reports:"
		+ " for the programme office.")
@ApiResponse(responseCode = "403", description = "For the programme office (group phaseout-office) and"
		+ " administrators only")
class ProgressController {

	private final CampaignCatalog campaigns;

	private final CampaignFigures figures;

	ProgressController(CampaignCatalog campaigns, CampaignFigures figures) {
		this.campaigns = campaigns;
		this.figures = figures;
	}

	@Operation(summary = "The campaign at a glance: organisations per phase and category, endpoints, overdue")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Progress.class)))
	@GetMapping("/api/campaigns/{id}/progress")
	@Transactional(readOnly = true)
	ResponseEntity<?> progress(@PathVariable String id) {
		if (campaigns.find(id).isEmpty()) {
			return Problems.answer(HttpStatus.NOT_FOUND, "No campaign with id '" + id + "'.");
		}
		CampaignFigures.Figures campaign = figures.figures(id, Scope.all(), Instant.now());
		return ResponseEntity.ok(new Progress(id, campaign.organisations(), campaign.byPhase(), campaign.byCategory(),
				campaign.endpoints(), campaign.overdue()));
	}

	record Progress(String campaignId, long organisations, Map<String, Long> byPhase,
			Map<String, Map<String, Long>> byCategory, EndpointCounts endpoints, long overdue) {
	}

}
