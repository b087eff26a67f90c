package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's own tables, as far as the process asks them: which organisations take part
 * (their name, group, category and the campaign's settings) and which were phased out.
 */
public class FakeParticipants implements Participants {

	private final Map<String, Participant> participants = new HashMap<>();

	private final Map<String, ProcessStart> phasedOut = new HashMap<>();

	void reset() {
		participants.clear();
		phasedOut.clear();
	}

	/** The organisation takes part as the start says; a later call changes what the tables say. */
	void registered(ProcessStart start) {
		participants.put(start.campaignId() + "/" + start.organisationId(), new Participant(start.organisationName(),
				start.pmGroup(), start.category(), start.applicabilityDecisionKey(), start.bannedVendors()));
	}

	void phasedOut(ProcessStart start) {
		registered(start);
		phasedOut.put(start.campaignId() + "/" + start.organisationId(), start);
	}

	@Override
	public Optional<Participant> participant(String campaignId, String organisationId) {
		return Optional.ofNullable(participants.get(campaignId + "/" + organisationId));
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
