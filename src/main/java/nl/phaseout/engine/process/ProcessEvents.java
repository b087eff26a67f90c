package nl.phaseout.engine.process;

import java.time.Instant;

/**
 * What the process tells the rest of the application, inside the engine's transaction
 * (implemented by the report package: read model and outbox for {@code phaseout.status}).
 */
public interface ProcessEvents {

	void phaseChanged(String campaignId, String organisationId, String processInstanceId, Phase phase,
			Phase previousPhase, Instant at);

	void deadlineMissed(String campaignId, String organisationId, String deadline, Instant dueAt, Instant at);

	void protectionGapDetected(String campaignId, String organisationId, long unprotected, Instant at);

	void regressionDetected(String campaignId, String organisationId, long banned, Instant at);

}
