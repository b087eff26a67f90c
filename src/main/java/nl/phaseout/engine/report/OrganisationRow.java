package nl.phaseout.engine.report;

import nl.phaseout.engine.inventory.EndpointCounts;
import nl.phaseout.engine.inventory.LastScan;

import java.time.Instant;
import java.util.List;

/**
 * One organisation in one campaign, as the programme office's table shows it.
 *
 * @param phaseSince when the organisation entered its phase
 * @param overdueMilestones the milestones whose deadline passed before they were reached
 */
public record OrganisationRow(String id, String name, String category, String pmGroup, String applicability,
		String phase, Instant phaseSince, long daysInPhase, EndpointCounts endpoints, LastScan lastScan,
		boolean overdue, List<OverdueMilestone> overdueMilestones, String processInstanceId) {

	/** Whether the organisation's phase shows the named milestone (inventory, plan, rolloutStart, completion) reached. */
	public boolean reached(String milestone) {
		return Milestones.reached(milestone, phase);
	}

	/**
	 * Whether the campaign's deadlines apply to the organisation now: not while it decides on an
	 * advice (nor before its applicability is known), and never once it is out of scope.
	 */
	public boolean heldToDeadlines() {
		return Milestones.held(phase);
	}

	/** Whether the organisation is out of scope: phase-out not required, or the advice declined. */
	public boolean outOfScope() {
		return phase.equals("NOT_REQUIRED") || phase.equals("DECLINED");
	}

	/** A milestone not reached by its deadline: which, when it was due, and how many whole days ago. */
	public record OverdueMilestone(String milestone, Instant dueAt, long daysLate) {
	}

}
