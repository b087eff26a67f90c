package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_DECIDE_ON_ADVICE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_REVIEW_CONTRACTS;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_SIGN_OFF_VERIFICATION;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A yes-or-no decision is an explicit choice: its task completes only with the decision made, as
 * a boolean or as the text a form's choice gives ("true", "false"), which is stored as a boolean.
 * An unticked checkbox never decides for the user. The contract review's choice, which the public
 * contract does not name, is taken from its dates when a client leaves it out.
 */
@Component("booleanChoices")
class BooleanChoices implements TaskListener {

	private static final String RUNNING_CONTRACT = "runningContract";

	private static final Map<String, String> CHOICES = Map.of(TASK_DECIDE_ON_ADVICE, "phaseOut",
			TASK_REVIEW_CONTRACTS, RUNNING_CONTRACT, TASK_SIGN_OFF_VERIFICATION, ProcessConstants.Var.SIGN_OFF);

	private static final Map<String, String> MEANING = Map.of("phaseOut",
			"true to phase out, false to decline the advice", "runningContract",
			"true when a contract with the vendor runs, false when none does", ProcessConstants.Var.SIGN_OFF,
			"true to sign off, false to refuse and wait for a new verification scan");

	@Override
	public void notify(DelegateTask task) {
		String variable = CHOICES.get(task.getTaskDefinitionKey());
		if (variable == null) {
			return;
		}
		Boolean choice = parse(task.getVariable(variable));
		if (choice == null && RUNNING_CONTRACT.equals(variable) && task.getVariable(variable) == null) {
			// the contract's variables for this task are the contract's dates: a client that sends those
			// and no choice has a running contract; the form always asks
			choice = task.getVariable("contractEndDate") != null;
		}
		if (choice == null) {
			throw new ProcessEngineException(
					"This task needs a decision: " + variable + " must be " + MEANING.get(variable) + ".");
		}
		task.setVariable(variable, choice);
	}

	/** A boolean, or the text a form's choice gives; anything else is no decision. */
	static Boolean parse(Object value) {
		if (value instanceof Boolean decided) {
			return decided;
		}
		if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
			return Boolean.valueOf(text);
		}
		return null;
	}

}
