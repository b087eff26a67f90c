package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_HANDLE_MISSED_DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Var.ADDED_TO_OPEN_TASK;
import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE_DUE;
import static nl.phaseout.engine.process.ProcessConstants.Var.MILESTONE_PHASE;
import static nl.phaseout.engine.process.ProcessConstants.Var.MISSED_DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Var.MISSED_MILESTONES;
import static nl.phaseout.engine.process.ProcessConstants.Var.OVERDUE;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.system.DutchText;

/**
 * A deadline passed before its milestone: mark the organisation overdue and report it. The office
 * gets one task per organisation and campaign: while one is open, the miss is added to it.
 */
@Component("missedDeadlineDelegate")
class MissedDeadlineDelegate implements JavaDelegate {

	private final ProcessEvents events;

	MissedDeadlineDelegate(ProcessEvents events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		String deadline = (String) execution.getVariable(DEADLINE);
		Date due = ParticipantSession.current().instance(execution).due(deadline);
		execution.setVariable(OVERDUE, true);
		execution.setVariable(MISSED_DEADLINE, deadline);
		// local to the watch: what the office's task shows
		execution.setVariableLocal(DEADLINE_DUE, due.toInstant().toString());
		execution.setVariableLocal(MILESTONE_PHASE,
				Milestone.byDeadline(deadline).map(m -> m.reachedAt().name()).orElse(null));
		Task open = openOfficeTask(execution);
		if (open == null) {
			execution.setVariableLocal(MISSED_MILESTONES, deadline);
		}
		else {
			addTo(open, deadline, execution);
		}
		execution.setVariableLocal(ADDED_TO_OPEN_TASK, open != null);
		events.deadlineMissed(organisation.campaignId(), organisation.organisationId(), deadline, due.toInstant(),
				Recorder.now());
	}

	/** The office task still open in this organisation's process for this campaign, if any. */
	private static Task openOfficeTask(DelegateExecution execution) {
		List<Task> open = execution.getProcessEngineServices()
			.getTaskService()
			.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(TASK_HANDLE_MISSED_DEADLINE)
			.orderByTaskCreateTime()
			.asc()
			.listPage(0, 1);
		return open.isEmpty() ? null : open.get(0);
	}

	private static void addTo(Task open, String deadline, DelegateExecution execution) {
		RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
		TaskService tasks = execution.getProcessEngineServices().getTaskService();
		Object listed = runtime.getVariable(open.getExecutionId(), MISSED_MILESTONES);
		// a task opened before misses were collected lists only its own deadline
		String before = listed != null ? listed.toString() : (String) runtime.getVariable(open.getExecutionId(), DEADLINE);
		List<String> missed = TaskTitle.missed(before);
		if (missed.contains(deadline)) {
			return;
		}
		String after = before + "," + deadline;
		if (listed != null) {
			runtime.setVariable(open.getExecutionId(), MISSED_MILESTONES, after);
		}
		else {
			runtime.setVariableLocal(open.getExecutionId(), MISSED_MILESTONES, after);
		}
		String[] title = TaskTitle.missedTitle(TaskTitle.missed(after),
				ParticipantSession.current().participant(execution).organisationName());
		open.setName(title[0]);
		open.setDescription(title[1]);
		tasks.saveTask(open);
		tasks.setVariableLocal(open.getId(), ProcessConstants.Var.DEADLINE_TEKST,
				DutchText.milestone(TaskTitle.missed(after).get(0)));
		tasks.setVariableLocal(open.getId(), ProcessConstants.Var.MISSED_MILESTONES_TEKST,
				FormTexts.milestones(TaskTitle.missed(after)));
	}

}
