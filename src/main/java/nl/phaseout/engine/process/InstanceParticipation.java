package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Which organisation, in which campaign, one process instance is about, and the deadlines it is
 * held to (the campaign's, counted from its start): a row of the process's own table
 * {@code process_participant}, written when the instance starts.
 *
 * @param deadlines deadline name to due moment; a deadline the campaign does not set is absent
 */
record InstanceParticipation(String organisationId, String campaignId, Map<String, Instant> deadlines) {

	InstanceParticipation {
		deadlines = Map.copyOf(deadlines);
	}

	/** The deadline's due moment as the engine's expressions want it, or null when it is not set. */
	Date due(String deadline) {
		Instant due = deadlines.get(deadline);
		return due == null ? null : Date.from(due);
	}

}
