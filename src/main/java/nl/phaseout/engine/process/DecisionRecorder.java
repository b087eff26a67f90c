package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_CHOOSE_ALTERNATIVE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_CONFIRM_CONTRACT_ENDED;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_DECIDE_ON_ADVICE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_HANDLE_MISSED_DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_RESOLVE_PROTECTION_GAP;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_RESOLVE_REGRESSION;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_REVIEW_CONTRACTS;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_SIGN_OFF_VERIFICATION;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

import nl.phaseout.engine.process.ProcessRecord.Kind;

/**
 * Records every human decision when its task completes: the task, who (the logged-in user, or the
 * event that completed it), when, and the outcome as the task's form names it. Added to every user
 * task by {@link ProcessListenersPlugin}, after the model's own listeners.
 */
class DecisionRecorder implements TaskListener {

	/** Set task-locally by an event that completes a task: which event it was. */
	static final String COMPLETED_BY_EVENT = "completedByEvent";

	/** The outcome of each task: the variables its form sets. */
	private static final Map<String, List<String>> OUTCOMES = Map.of(
			TASK_DECIDE_ON_ADVICE, List.of("phaseOut", "rationale"),
			TASK_REVIEW_CONTRACTS, List.of("runningContract", "contractEndDate", "noticePeriodDays",
					"terminationRequested", "contractRemarks"),
			TASK_CHOOSE_ALTERNATIVE, List.of("alternativeVendor", "alternativeProduct", "rationale"),
			TASK_RESOLVE_PROTECTION_GAP, List.of("gapResolution"),
			TASK_SIGN_OFF_VERIFICATION, List.of("signOff", "signOffNote", "evidenceScanId",
					"evidenceScanCompletedAt", "evidenceScanSource", "verification", "censusConfirmed"),
			TASK_CONFIRM_CONTRACT_ENDED, List.of("contractEndedOn", "contractEndRemarks"),
			TASK_RESOLVE_REGRESSION, List.of("regressionResolution"),
			TASK_HANDLE_MISSED_DEADLINE, List.of("deadline", "missedMilestones", "actionTaken"),
			ProcessConstants.Element.TASK_REVIEW_EXEMPTION, List.of("approved", "reviewNote"));

	/** Tasks whose outcome is also a fact of its own in the record. */
	private static final Map<String, Kind> FACTS = Map.of(TASK_CHOOSE_ALTERNATIVE, Kind.ALTERNATIVE,
			TASK_SIGN_OFF_VERIFICATION, Kind.SIGN_OFF, TASK_CONFIRM_CONTRACT_ENDED, Kind.CONTRACT_ENDED);

	private final java.util.function.Supplier<ProcessRecord> record;

	DecisionRecorder(java.util.function.Supplier<ProcessRecord> record) {
		this.record = record;
	}

	@Override
	public void notify(DelegateTask task) {
		String key = task.getTaskDefinitionKey();
		Map<String, Object> outcome = new LinkedHashMap<>();
		for (String name : OUTCOMES.getOrDefault(key, List.of())) {
			Object value = task.getVariable(name);
			if (value != null) {
				outcome.put(name, value instanceof Number || value instanceof Boolean ? value : value.toString());
			}
		}
		Object byEvent = task.getVariableLocal(COMPLETED_BY_EVENT);
		String actor = byEvent != null ? byEvent.toString() : currentUser();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("task", key);
		data.put("taskName", task.getName());
		data.put("outcome", outcome);
		Recorder.record(record.get(), task.getExecution(), Kind.DECISION, actor, data);
		Kind fact = FACTS.get(key);
		// an event that completes a task records its own fact, with the event's details
		if (fact != null && byEvent == null) {
			Recorder.record(record.get(), task.getExecution(), fact, actor, outcome);
		}
	}

	private static String currentUser() {
		CommandContext context = Context.getCommandContext();
		return context == null ? null : context.getAuthenticatedUserId();
	}

}
