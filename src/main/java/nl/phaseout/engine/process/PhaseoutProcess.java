package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.MESSAGE_INVENTORY_CHANGED;
import static nl.phaseout.engine.process.ProcessConstants.PROCESS_KEY;
import static nl.phaseout.engine.process.ProcessConstants.Var;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one API other packages use to move an organisation's phase-out process: start it,
 * and tell it what happened in the inventory. Every method is safe to call when the process
 * is not waiting for it; the process reads the inventory itself when it gets there.
 */
@Service
public class PhaseoutProcess {

	private static final Logger log = LoggerFactory.getLogger(PhaseoutProcess.class);

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final HistoryService history;

	private final InventoryState inventory;

	private final ProcessEvents events;

	PhaseoutProcess(RuntimeService runtime, TaskService tasks, HistoryService history, InventoryState inventory,
			ProcessEvents events) {
		this.runtime = runtime;
		this.tasks = tasks;
		this.history = history;
		this.inventory = inventory;
		this.events = events;
	}

	/** Starts the organisation's process for a campaign; returns the process instance id. */
	public String start(ProcessStart start) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(Var.CAMPAIGN_ID, start.campaignId());
		variables.put(Var.ORGANISATION_ID, start.organisationId());
		variables.put(Var.ORGANISATION_NAME, start.organisationName());
		variables.put(Var.CATEGORY, start.category());
		variables.put(Var.PM_GROUP, start.pmGroup());
		variables.put(Var.APPLICABILITY_DECISION_KEY, start.applicabilityDecisionKey());
		variables.put(Var.OVERDUE, false);
		variables.putAll(deadlineVariables(start));
		return runtime.startProcessInstanceByKey(PROCESS_KEY, start.organisationId(), variables).getId();
	}

	/**
	 * Lets every wait state of the organisation re-check the inventory; nothing happens when
	 * none waits. Each execution waiting at the time of the call is triggered once, and only
	 * if it still waits: rollout completing ends the protection-gap wait beside it, and a
	 * message to an execution that has just ended would fail (as correlateAll does). A wait
	 * state reached during this call checked the inventory on its way in. The baseline wait is
	 * not woken before a completed scan is known: it would only loop back, at the cost of a
	 * round through the engine for every batch of observations.
	 */
	public void inventoryChanged(String organisationId) {
		List<String> waiting = runtime.createExecutionQuery()
			.processDefinitionKey(PROCESS_KEY)
			.processInstanceBusinessKey(organisationId)
			.messageEventSubscriptionName(MESSAGE_INVENTORY_CHANGED)
			.list()
			.stream()
			.map(Execution::getId)
			.toList();
		for (String executionId : waiting) {
			EventSubscription subscription = stillWaiting(executionId);
			if (subscription != null && mayLeave(subscription, organisationId)) {
				runtime.messageEventReceived(MESSAGE_INVENTORY_CHANGED, executionId);
			}
		}
	}

	/**
	 * The execution's subscription, or {@code null} once it no longer waits. By execution: that
	 * column is indexed, unlike the process instance's.
	 */
	private EventSubscription stillWaiting(String executionId) {
		return runtime.createEventSubscriptionQuery()
			.executionId(executionId)
			.eventType(EventType.MESSAGE.name())
			.eventName(MESSAGE_INVENTORY_CHANGED)
			.singleResult();
	}

	private boolean mayLeave(EventSubscription subscription, String organisationId) {
		if (!ProcessConstants.Element.WAIT_INVENTORY_BASELINE.equals(subscription.getActivityId())) {
			return true;
		}
		String campaignId = (String) runtime.getVariable(subscription.getProcessInstanceId(), Var.CAMPAIGN_ID);
		return inventory.snapshot(campaignId, organisationId).baselineKnown();
	}

	/** Completes an open Task_ChooseAlternative with the selection; otherwise the process reads it later. */
	public void alternativeSelected(String organisationId) {
		openTask(organisationId, ProcessConstants.Element.TASK_CHOOSE_ALTERNATIVE)
			.ifPresent(task -> inventory.alternativeSelection(organisationId)
				.ifPresent(selection -> tasks.complete(task.getId(), EventVariables.of(selection))));
	}

	/** Completes an open Task_ConfirmContractEnded with the termination; otherwise the process reads it later. */
	public void contractTerminated(String organisationId) {
		openTask(organisationId, ProcessConstants.Element.TASK_CONFIRM_CONTRACT_ENDED)
			.ifPresent(task -> inventory.contractTermination(organisationId)
				.ifPresent(termination -> tasks.complete(task.getId(), EventVariables.of(termination))));
	}

	/**
	 * A banned product seen again after the organisation was phased out: reports it and
	 * reopens the rollout in a new process instance that carries the old one's variables.
	 * Does nothing when the campaign's process for the organisation is still running or
	 * did not end phased out.
	 */
	public void regression(String campaignId, String organisationId) {
		if (runningInstance(campaignId, organisationId)) {
			return;
		}
		Optional<HistoricProcessInstance> phasedOut = lastPhasedOut(campaignId, organisationId);
		if (phasedOut.isEmpty()) {
			return;
		}
		long banned = inventory.snapshot(campaignId, organisationId).banned();
		events.regressionDetected(campaignId, organisationId, banned, ClockUtil.getCurrentTime().toInstant());
		String reopened = runtime.createProcessInstanceByKey(PROCESS_KEY)
			.businessKey(organisationId)
			.setVariables(processVariables(phasedOut.get().getId()))
			.startBeforeActivity(ProcessConstants.Element.SUBPROCESS_ROLLOUT)
			.execute()
			.getId();
		log.info("Regression for {} in {}: reopened the rollout in process instance {}", organisationId,
				campaignId, reopened);
	}

	private Map<String, Object> deadlineVariables(ProcessStart start) {
		Map<String, Object> variables = new HashMap<>();
		ProcessConstants.DEADLINES.forEach(name -> variables.put(Var.deadline(name), null));
		if (start.deadlines() != null) {
			start.deadlines().forEach((name, due) -> {
				if (!ProcessConstants.DEADLINES.contains(name)) {
					throw new IllegalArgumentException(
							"Unknown deadline '" + name + "'; use one of " + ProcessConstants.DEADLINES);
				}
				variables.put(Var.deadline(name), due == null ? null : Date.from(due));
			});
		}
		return variables;
	}

	private Optional<Task> openTask(String organisationId, String taskDefinitionKey) {
		return tasks.createTaskQuery()
			.processDefinitionKey(PROCESS_KEY)
			.processInstanceBusinessKey(organisationId)
			.taskDefinitionKey(taskDefinitionKey)
			.list()
			.stream()
			.findFirst();
	}

	private boolean runningInstance(String campaignId, String organisationId) {
		return runtime.createProcessInstanceQuery()
			.processDefinitionKey(PROCESS_KEY)
			.processInstanceBusinessKey(organisationId)
			.variableValueEquals(Var.CAMPAIGN_ID, campaignId)
			.count() > 0;
	}

	private Optional<HistoricProcessInstance> lastPhasedOut(String campaignId, String organisationId) {
		List<HistoricProcessInstance> finished = history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(PROCESS_KEY)
			.processInstanceBusinessKey(organisationId)
			.variableValueEquals(Var.CAMPAIGN_ID, campaignId)
			.finished()
			.orderByProcessInstanceEndTime()
			.desc()
			.list();
		return finished.stream()
			.findFirst()
			.filter(instance -> ProcessConstants.Element.END_PHASED_OUT.equals(instance.getEndActivityId()));
	}

	/** The ended instance's process-level variables (not those local to a task or subprocess). */
	private Map<String, Object> processVariables(String processInstanceId) {
		Map<String, Object> variables = new HashMap<>();
		for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.list()) {
			if (processInstanceId.equals(variable.getActivityInstanceId())) {
				variables.put(variable.getName(), variable.getValue());
			}
		}
		return variables;
	}

}
