package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.PHASE;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the deadline watch (a multi-instance subprocess, one instance per deadline name)
 * asks: is this deadline set, when is it due, and was its milestone reached in time.
 * Public because the expression language only calls methods of public classes.
 */
@Component("deadlineWatch")
public class DeadlineWatch {

	/**
	 * The first phase that shows a milestone was reached. {@link Phase} lists the phases in
	 * process order, so any later phase also counts: an organisation whose baseline shows
	 * no banned product skips straight to sign-off and has met its plan deadline too.
	 */
	private static final Map<String, Phase> MILESTONES = Map.of(
			"inventory", Phase.CONTRACT_REVIEW,
			"plan", Phase.ROLLOUT,
			"rolloutStart", Phase.ROLLOUT,
			"completion", Phase.PHASED_OUT);

	public List<String> names() {
		return ProcessConstants.DEADLINES;
	}

	public boolean isSet(DelegateExecution execution, String deadline) {
		return due(execution, deadline) != null;
	}

	public Date due(DelegateExecution execution, String deadline) {
		return (Date) execution.getVariable(ProcessConstants.Var.deadline(deadline));
	}

	public boolean milestoneReached(DelegateExecution execution, String deadline) {
		Phase milestone = MILESTONES.get(deadline);
		if (milestone == null) {
			throw new IllegalArgumentException("Unknown deadline '" + deadline + "'; expected one of " + names());
		}
		String current = (String) execution.getVariable(PHASE);
		return current != null && Phase.valueOf(current).ordinal() >= milestone.ordinal();
	}

}
