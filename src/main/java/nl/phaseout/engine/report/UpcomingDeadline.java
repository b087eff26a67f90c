package nl.phaseout.engine.report;

import java.time.Instant;

import nl.phaseout.engine.process.Milestone;

/** A milestone's deadline an organisation is held to in a campaign and has not reached yet. */
public record UpcomingDeadline(String campaignId, String organisationId, String organisationName, String pmGroup,
		String processInstanceId, Milestone milestone, Instant dueAt) {
}
