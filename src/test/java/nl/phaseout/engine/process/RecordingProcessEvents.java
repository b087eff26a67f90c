package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Remembers what the process reported, in order, as readable lines. */
public class RecordingProcessEvents implements ProcessEvents {

	record PhaseChange(String organisationId, Phase phase, Phase previousPhase) {
	}

	final List<PhaseChange> phaseChanges = new ArrayList<>();

	final List<String> deadlinesMissed = new ArrayList<>();

	final List<Long> protectionGaps = new ArrayList<>();

	final List<Long> regressions = new ArrayList<>();

	final List<String> applicabilities = new ArrayList<>();

	void reset() {
		phaseChanges.clear();
		deadlinesMissed.clear();
		protectionGaps.clear();
		regressions.clear();
		applicabilities.clear();
		participations.clear();
	}

	List<Phase> phases() {
		return phaseChanges.stream().map(PhaseChange::phase).toList();
	}

	final List<String> participations = new ArrayList<>();

	@Override
	public void participationStarted(ProcessStart start, Instant at) {
		participations.add("started " + start.campaignId() + " " + start.organisationId());
	}

	@Override
	public void processStarted(String campaignId, String organisationId, String processInstanceId) {
		participations.add("process " + campaignId + " " + organisationId + " " + processInstanceId);
	}

	@Override
	public void phaseChanged(String campaignId, String organisationId, String processInstanceId, Phase phase,
			Phase previousPhase, Instant at) {
		phaseChanges.add(new PhaseChange(organisationId, phase, previousPhase));
	}

	@Override
	public void applicabilityDecided(String campaignId, String organisationId, String applicability) {
		applicabilities.add(applicability);
	}

	@Override
	public void deadlineMissed(String campaignId, String organisationId, String deadline, Instant dueAt, Instant at) {
		deadlinesMissed.add(deadline);
	}

	@Override
	public void protectionGapDetected(String campaignId, String organisationId, long unprotected, Instant at) {
		protectionGaps.add(unprotected);
	}

	@Override
	public void regressionDetected(String campaignId, String organisationId, String processInstanceId, long banned,
			Map<String, Instant> deadlines, Instant at) {
		regressions.add(banned);
	}

}
