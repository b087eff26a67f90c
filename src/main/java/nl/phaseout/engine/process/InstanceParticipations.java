package nl.phaseout.engine.process;

import java.util.Optional;

/**
 * The process's own record of which organisation and campaign each of its instances is about
 * (table {@code process_participant}), so that nothing the process acts on or records comes from
 * a process variable. Written in the transaction that starts the instance.
 */
interface InstanceParticipations {

	void started(String processInstanceId, InstanceParticipation participation);

	Optional<InstanceParticipation> find(String processInstanceId);

}
