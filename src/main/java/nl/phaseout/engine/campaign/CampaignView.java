package nl.phaseout.engine.campaign;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A campaign as {@code /api/campaigns} shows it.
 *
 * @param applicability what the campaign's applicability decision answers per organisation category
 * @param deadlines deadline name to an ISO-8601 duration (from when an organisation joins) or a date
 */
@Schema(name = "Campaign")
public record CampaignView(String id, String name, Campaign.Status status, Decision decision,
		String classificationDecision, String applicabilityDecision, Map<String, String> applicability,
		List<String> vendors, Map<String, String> deadlines, String statusReportInterval, String staleAfter,
		Exemptions exemptions) {

	public record Decision(String reference, LocalDate date) {
	}

	public record Exemptions(boolean allowed, LocalDate maxUntil, boolean allowSignOff) {
	}

	public static CampaignView of(Campaign campaign, Map<String, String> applicability) {
		return new CampaignView(campaign.id(), campaign.name(), campaign.status(),
				new Decision(campaign.decisionReference(), campaign.decisionDate()), campaign.classificationDecision(),
				campaign.applicabilityDecision(), applicability, campaign.vendors(), campaign.deadlines(),
				campaign.statusReportInterval(), campaign.staleAfter(),
				new Exemptions(campaign.exemptions().allowed(), campaign.exemptions().maxUntil(),
						campaign.exemptions().allowSignOff()));
	}

}
