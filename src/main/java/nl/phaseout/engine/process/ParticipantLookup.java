package nl.phaseout.engine.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the process model asks of the organisation an instance is about, as
 * {@code ${participants.group(execution)}}: from the application's tables, read once per engine
 * command, never from a process variable. Public because the expression language only calls
 * methods of public classes.
 */
@Component("participants")
public class ParticipantLookup {

	/** The organisation's project managers' group: the candidate group of its tasks. */
	public String group(DelegateExecution execution) {
		return ParticipantSession.current().participant(execution).pmGroup();
	}

	/** The key of the campaign's applicability decision table. */
	public String applicabilityDecision(DelegateExecution execution) {
		return ParticipantSession.current().participant(execution).applicabilityDecision();
	}

	/** The organisation's category, the applicability decision's input. */
	public String category(DelegateExecution execution) {
		return ParticipantSession.current().participant(execution).category();
	}

}
