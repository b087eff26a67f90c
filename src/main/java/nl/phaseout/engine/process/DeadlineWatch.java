package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Var.MISSED_MILESTONES;
import static nl.phaseout.engine.process.ProcessConstants.Var.PHASE;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the deadline watch (a multi-instance subprocess, one instance per deadline name)
 * asks: is this deadline set, when is it due, and was its milestone reached in time.
 * Public because the expression language only calls methods of public classes.
 */
@Component("deadlineWatch")
public class DeadlineWatch {

	public List<String> names() {
		return Milestone.deadlines();
	}

	public boolean isSet(DelegateExecution execution, String deadline) {
		return due(execution, deadline) != null;
	}

	/** When the deadline is due for this instance, as the process's own table has it; null when not set. */
	public Date due(DelegateExecution execution, String deadline) {
		milestone(deadline); // an unknown name fails, naming the known ones
		return ParticipantSession.current().instance(execution).due(deadline);
	}

	public boolean milestoneReached(DelegateExecution execution, String deadline) {
		String current = (String) execution.getVariable(PHASE);
		return milestone(deadline).reachedIn(current == null ? null : Phase.valueOf(current));
	}

	/**
	 * Whether every milestone the open office task lists has been reached (the conditional boundary
	 * event that closes it). A task opened before misses were collected lists only its own deadline.
	 */
	public boolean missedMilestonesReached(DelegateExecution execution) {
		Object listed = execution.getVariable(MISSED_MILESTONES);
		List<String> missed = TaskTitle.missed(listed != null ? listed.toString() : (String) execution.getVariable(DEADLINE));
		return !missed.isEmpty() && missed.stream().allMatch(deadline -> milestoneReached(execution, deadline));
	}

	/** The phase that shows the deadline's milestone reached, for the missed-deadline task's text. */
	public String milestonePhase(String deadline) {
		return milestone(deadline).reachedAt().name();
	}

	private static Milestone milestone(String deadline) {
		return Milestone.byDeadline(deadline)
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown deadline '" + deadline + "'; expected one of " + Milestone.deadlines()));
	}

}
