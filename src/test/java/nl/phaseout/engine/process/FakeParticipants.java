package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The application's own tables, as far as the process asks them: which organisations were phased out. */
public class FakeParticipants implements Participants {

	private final Map<String, ProcessStart> phasedOut = new HashMap<>();

	void reset() {
		phasedOut.clear();
	}

	void phasedOut(ProcessStart start) {
		phasedOut.put(start.campaignId() + "/" + start.organisationId(), start);
	}

	@Override
	public Optional<ProcessStart> restartAfterPhaseOut(String campaignId, String organisationId, Instant at) {
		return Optional.ofNullable(phasedOut.get(campaignId + "/" + organisationId))
			.map(start -> new ProcessStart(start.campaignId(), start.organisationId(), start.organisationName(),
					start.category(), start.pmGroup(), start.applicabilityDecisionKey(), start.bannedVendors(),
					Map.of("completion", at.plusSeconds(90 * 24 * 3600))));
	}

	static List<String> kaspersky() {
		return List.of("kaspersky");
	}

}
