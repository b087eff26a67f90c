package nl.phaseout.engine.report;

import java.time.Instant;
import java.util.Map;

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
class ProgressController {

	private final CampaignCatalog campaigns;

	private final CampaignFigures figures;

	ProgressController(CampaignCatalog campaigns, CampaignFigures figures) {
		this.campaigns = campaigns;
		this.figures = figures;
	}

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
