package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.Optional;

/**
 * What the process needs to know of an organisation's participation from the application's own
 * tables (implemented by the organisation package), never from Camunda's history, which its
 * cleanup deletes, nor from process variables, which are not the organisation's word.
 */
public interface Participants {

	/**
	 * The organisation in the campaign: its name and project managers' group, and the campaign's
	 * settings the process decides by. Empty when either is unknown.
	 */
	Optional<Participant> participant(String campaignId, String organisationId);

	/**
	 * How a new process for an organisation that was phased out starts: its name, group, the
	 * campaign's settings, and the campaign's deadlines counted from {@code at}. Empty when the
	 * organisation is not phased out in the campaign.
	 */
	Optional<ProcessStart> restartAfterPhaseOut(String campaignId, String organisationId, Instant at);

}
