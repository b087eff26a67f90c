package nl.phaseout.engine.report;

import io.swagger.v3.oas.annotations.media.Schema;
import nl.phaseout.engine.inventory.EndpointCounts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A campaign's status report: the figures when it was written, the overdue organisations, and
 * what changed since the report before it.
 *
 * @param number the interval it reports, counted from the campaign's first report anchor
 * @param periodStart where the previous report's period ended (or where this interval began)
 * @param periodEnd when the reported interval ended
 * @param missedIntervals intervals that ended while no engine ran, reported by this one
 */
public record StatusReport(String campaignId, int number, Instant periodStart, Instant periodEnd, Instant createdAt,
		int missedIntervals, CampaignFigures.Figures figures, List<OverdueOrganisation> overdueOrganisations,
		Changes changes) {

	public record OverdueOrganisation(String id, String name, String category, String phase, long daysInPhase,
			List<OrganisationRow.OverdueMilestone> overdueMilestones) {
	}

	/**
	 * @param since the number of the report compared with, null for the first report
	 * @param byPhase the change per phase, phases that changed only
	 * @param endpoints the change of each endpoint figure
	 * @param enteredPhase organisations that entered their current phase during the period, per phase
	 */
	public record Changes(Integer since, long organisations, Map<String, Long> byPhase, EndpointCounts endpoints,
			long overdue, List<String> newlyOverdue, List<String> noLongerOverdue, Map<String, Long> enteredPhase) {
	}

	/** A line of the reports list. */
	@Schema(name = "StatusReportSummary") // not the inventory upload's Summary in the API's description
	public record Summary(String campaignId, int number, Instant periodStart, Instant periodEnd, Instant createdAt,
			int missedIntervals, long organisations, EndpointCounts endpoints, long overdue) {
	}

}
