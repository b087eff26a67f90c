package nl.phaseout.engine.report;

import java.time.Instant;
import java.util.Map;

import nl.phaseout.engine.process.Phase;

/** One organisation in one campaign, as the read model has it. */
public record ParticipationView(String campaignId, String organisationId, String processInstanceId, Phase phase,
		boolean overdue, Map<String, Instant> deadlines) {
}
