package nl.phaseout.engine.process;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The process's table {@code process_participant}, in memory: process instance ids never repeat. */
public class FakeInstanceParticipations implements InstanceParticipations {

	private final Map<String, InstanceParticipation> rows = new ConcurrentHashMap<>();

	@Override
	public void started(String processInstanceId, InstanceParticipation participation) {
		if (rows.putIfAbsent(processInstanceId, participation) != null) {
			throw new IllegalStateException("Process instance " + processInstanceId + " started twice");
		}
	}

	@Override
	public Optional<InstanceParticipation> find(String processInstanceId) {
		return Optional.ofNullable(rows.get(processInstanceId));
	}

}
