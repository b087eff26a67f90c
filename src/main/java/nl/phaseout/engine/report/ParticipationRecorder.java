package nl.phaseout.engine.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import nl.phaseout.engine.process.Milestone;
import nl.phaseout.engine.process.Phase;
import nl.phaseout.engine.process.ProcessEvents;
import nl.phaseout.engine.process.ProcessStart;

/**
 * What the process reports, recorded in the read model and the status outbox, in the
 * engine's transaction.
 */
@Component
class ParticipationRecorder implements ProcessEvents {

	private final Participations participations;

	private final StatusOutbox outbox;

	ParticipationRecorder(Participations participations, StatusOutbox outbox) {
		this.participations = participations;
		this.outbox = outbox;
	}

	@Override
	public void participationStarted(ProcessStart start, Instant at) {
		participations.create(start, at);
	}

	@Override
	public void processStarted(String campaignId, String organisationId, String processInstanceId) {
		participations.attachProcess(campaignId, organisationId, processInstanceId);
	}

	@Override
	public void phaseChanged(String campaignId, String organisationId, String processInstanceId, Phase phase,
			Phase previousPhase, Instant at) {
		participations.phaseChanged(campaignId, organisationId, processInstanceId, phase, at);
		participations.milestonesReached(campaignId, organisationId, Milestone.reachedDeadlines(phase), at);
		Map<String, Object> data = data(campaignId, organisationId);
		data.put("phase", phase.name());
		data.put("previousPhase", previousPhase == null ? null : previousPhase.name());
		data.put("at", at.toString());
		outbox.append("phaseout.phase.changed", organisationId, data, at);
	}

	@Override
	public void applicabilityDecided(String campaignId, String organisationId, String applicability) {
		participations.applicabilityDecided(campaignId, organisationId, applicability);
	}

	@Override
	public void deadlineMissed(String campaignId, String organisationId, String deadline, Instant dueAt, Instant at) {
		participations.milestoneMissed(campaignId, organisationId, deadline, dueAt, at);
		Map<String, Object> data = data(campaignId, organisationId);
		data.put("deadline", deadline);
		data.put("dueAt", dueAt == null ? null : dueAt.toString());
		data.put("at", at.toString());
		outbox.append("phaseout.deadline.missed", organisationId, data, at);
	}

	@Override
	public void protectionGapDetected(String campaignId, String organisationId, long unprotected, Instant at) {
		Map<String, Object> data = data(campaignId, organisationId);
		data.put("unprotected", unprotected);
		data.put("at", at.toString());
		outbox.append("phaseout.protection-gap.detected", organisationId, data, at);
	}

	@Override
	public void regressionDetected(String campaignId, String organisationId, String processInstanceId, long banned,
			Map<String, Instant> deadlines, Instant at) {
		participations.reopened(campaignId, organisationId, processInstanceId, deadlines);
		Map<String, Object> data = data(campaignId, organisationId);
		data.put("banned", banned);
		data.put("at", at.toString());
		outbox.append("phaseout.regression.detected", organisationId, data, at);
	}

	private static Map<String, Object> data(String campaignId, String organisationId) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("campaignId", campaignId);
		data.put("organisationId", organisationId);
		return data;
	}

}
