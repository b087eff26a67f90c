package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.Optional;

/**
 * What the process needs to know of an organisation's participation from the application's own
 * tables (implemented by the organisation package), never from Camunda's history, which its
 * cleanup deletes.
 */
public interface Participants {

	/**
	 * How a new process for an organisation that was phased out starts: its name, group, the
	 * campaign's settings, and the campaign's deadlines counted from {@code at}. Empty when the
	 * organisation is not phased out in the campaign.
	 */
	Optional<ProcessStart> restartAfterPhaseOut(String campaignId, String organisationId, Instant at);

}
