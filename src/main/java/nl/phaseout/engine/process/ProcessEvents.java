package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.Map;

/**
 * What the process tells the rest of the application, inside the engine's transaction
 * (implemented by the report package: read model and outbox for {@code phaseout.status}). The
 * only way participation is written: no other package writes the report's tables.
 */
public interface ProcessEvents {

	/**
	 * The organisation ({@code start} says who, in which campaign) takes part from {@code at},
	 * held to the start's deadlines. Told before its process starts, so that what the process
	 * reports on its way in has a participation to land on; {@link #processStarted} follows in
	 * the same transaction.
	 */
	void participationStarted(ProcessStart start, Instant at);

	/** The organisation's process for the campaign runs as {@code processInstanceId}. */
	void processStarted(String campaignId, String organisationId, String processInstanceId);

	void phaseChanged(String campaignId, String organisationId, String processInstanceId, Phase phase,
			Phase previousPhase, Instant at);

	/** {@code MANDATORY}, {@code ADVISED} or {@code NOT_REQUIRED}, as the campaign's decision table said. */
	void applicabilityDecided(String campaignId, String organisationId, String applicability);

	void deadlineMissed(String campaignId, String organisationId, String deadline, Instant dueAt, Instant at);

	void protectionGapDetected(String campaignId, String organisationId, long unprotected, Instant at);

	/**
	 * A banned product seen again after phase-out: the work reopens in {@code processInstanceId}
	 * with these deadlines (the campaign's, counted from now).
	 */
	void regressionDetected(String campaignId, String organisationId, String processInstanceId, long banned,
			Map<String, Instant> deadlines, Instant at);

}
