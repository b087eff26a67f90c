package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_CONFIRM_CONTRACT_ENDED;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_HANDLE_MISSED_DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_SIGN_OFF_VERIFICATION;
import static nl.phaseout.engine.process.ProcessConstants.Var.CONTRACT_END_DATE;
import static nl.phaseout.engine.process.ProcessConstants.Var.CONTRACT_END_DATE_TEKST;
import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE_DUE;
import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE_DUE_TEKST;
import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE_TEKST;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_COMPLETED_AT;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_COMPLETED_AT_TEKST;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_SOURCE;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_SOURCE_TEKST;
import static nl.phaseout.engine.process.ProcessConstants.Var.MILESTONE_PHASE;
import static nl.phaseout.engine.process.ProcessConstants.Var.MILESTONE_PHASE_TEKST;
import static nl.phaseout.engine.process.ProcessConstants.Var.MISSED_MILESTONES;
import static nl.phaseout.engine.process.ProcessConstants.Var.MISSED_MILESTONES_TEKST;
import static nl.phaseout.engine.process.ProcessConstants.Var.PHASE;
import static nl.phaseout.engine.process.ProcessConstants.Var.PHASE_TEKST;
import static nl.phaseout.engine.process.ProcessConstants.Var.PM_GROUP_TEKST;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

import nl.phaseout.engine.system.DutchText;

/**
 * What a task's form shows in Dutch words where the process stores a key, an ISO-8601 date or a
 * URN: a Camunda Form shows a variable as it is, so the engine writes the words beside it. They
 * are prepared when the task is created (task-local: they describe the task as it was opened),
 * except the phase, which changes while the office's task is open and is kept beside
 * {@code phase} on the instance ({@link PhaseListener}). The forms show them in read-only fields,
 * which a completion ignores; the process never reads them.
 */
final class FormTexts {

	private FormTexts() {
	}

	/** The texts the task's form shows, from the values it would otherwise show raw. */
	static void prepare(DelegateTask task, String organisationName) {
		String key = task.getTaskDefinitionKey();
		if (TASK_HANDLE_MISSED_DEADLINE.equals(key)) {
			task.setVariableLocal(PM_GROUP_TEKST, "Projectleiders van " + organisationName);
			if (task.getVariable(PHASE_TEKST) == null && task.getVariable(PHASE) != null) {
				// an instance from before the phase's words were kept: from now on PhaseListener keeps them
				phaseChanged(task.getExecution(), String.valueOf(task.getVariable(PHASE)));
			}
		}
		Object deadline = task.getVariable(DEADLINE);
		if (deadline != null) {
			Object listed = task.getVariable(MISSED_MILESTONES);
			missed(task, TaskTitle.missed(listed == null ? deadline.toString() : listed.toString()));
			task.setVariableLocal(DEADLINE_DUE_TEKST, DutchText.dateTime(string(task.getVariable(DEADLINE_DUE))));
			task.setVariableLocal(MILESTONE_PHASE_TEKST, DutchText.phase(string(task.getVariable(MILESTONE_PHASE))));
		}
		if (TASK_SIGN_OFF_VERIFICATION.equals(key)) {
			task.setVariableLocal(EVIDENCE_SCAN_COMPLETED_AT_TEKST,
					DutchText.dateTime(string(task.getVariable(EVIDENCE_SCAN_COMPLETED_AT))));
			task.setVariableLocal(EVIDENCE_SCAN_SOURCE_TEKST,
					DutchText.source(string(task.getVariable(EVIDENCE_SCAN_SOURCE))));
		}
		if (TASK_CONFIRM_CONTRACT_ENDED.equals(key)) {
			task.setVariableLocal(CONTRACT_END_DATE_TEKST, DutchText.date(string(task.getVariable(CONTRACT_END_DATE))));
		}
	}

	/** The milestones an office task lists, by name: for the task as created, and again as later misses join it. */
	static void missed(DelegateTask task, List<String> deadlines) {
		task.setVariableLocal(DEADLINE_TEKST, deadlines.isEmpty() ? "" : DutchText.milestone(deadlines.get(0)));
		task.setVariableLocal(MISSED_MILESTONES_TEKST, milestones(deadlines));
	}

	/** "Inventarisatie, Plan". */
	static String milestones(List<String> deadlines) {
		return deadlines.stream().map(DutchText::milestone).collect(Collectors.joining(", "));
	}

	/** The phase's name beside {@code phase}, on the instance. */
	static void phaseChanged(DelegateExecution execution, String phase) {
		execution.getProcessInstance().setVariable(PHASE_TEKST, DutchText.phase(phase));
	}

	private static String string(Object value) {
		return value == null ? null : Objects.toString(value);
	}

}
