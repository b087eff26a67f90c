package nl.phaseout.engine.organisation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import nl.phaseout.engine.inventory.EndpointCounts;
import nl.phaseout.engine.inventory.LastScan;
import nl.phaseout.engine.campaign.Category;

/**
 * {@code GET /api/organisations/{id}}, as the contract shows it; {@code verification} is {@code scan} or
 * {@code rolling}.
 */
record OrganisationView(String id, String name, Category category, String pmGroup, Instant registeredAt,
		List<String> sources, String verification, List<CampaignView> campaigns) {

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record CampaignView(String campaignId, String applicability, String phase, boolean overdue,
			List<TaskView> openTasks, EndpointCounts endpoints, LastScan lastScan, Map<String, Instant> deadlines,
			Map<String, Instant> missedMilestones, Verification verification) {
	}

	/** The latest verification scan considered, its verdict ({@code CLEAN}, {@code INCOMPLETE}, {@code NOT_CLEAN}) and why. */
	record Verification(String scanId, String completedAt, String verdict, String reason) {
	}

	record TaskView(String id, String taskDefinitionKey, String name, Instant created) {
	}

}
