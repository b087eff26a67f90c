package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Var.ORGANISATION_NAME;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Adds the organisation (and, for a missed deadline, which one) to a task's name, so a
 * Tasklist full of similar tasks says whose each one is, while the diagram keeps plain names.
 */
@Component("taskTitle")
class TaskTitle implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		// only the deadline watch's instances have a 'deadline' variable
		Object deadline = task.getVariable(DEADLINE);
		String what = deadline != null ? task.getName() + " (" + deadline + ")" : task.getName();
		task.setName(what + ": " + task.getVariable(ORGANISATION_NAME));
	}

}
