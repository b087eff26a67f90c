package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.MESSAGE_BANNED_PRODUCT_SEEN;
import static nl.phaseout.engine.process.ProcessConstants.MESSAGE_INVENTORY_CHANGED;
import static nl.phaseout.engine.process.ProcessConstants.PROCESS_KEY;
import static nl.phaseout.engine.process.ProcessConstants.Var;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.InventoryState.EndpointList;
import nl.phaseout.engine.inventory.EndpointStatus;
import nl.phaseout.engine.inventory.InventoryState;
import nl.phaseout.engine.system.DutchText;

/**
 * The one API other packages use to move an organisation's phase-out process: start it,
 * and tell it what happened in the inventory. Every method is safe to call when the process
 * is not waiting for it; the process reads the inventory itself when it gets there, under the
 * organisation's projection lock, so what it is told here and what it reads on its way agree.
 */
@Service
public class PhaseoutProcess {

	private static final Logger log = LoggerFactory.getLogger(PhaseoutProcess.class);

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final InventoryState inventory;

	private final ProcessEvents events;

	private final ProcessRecord record;

	private final Participants participants;

	private final InstanceParticipations instances;

	private final Contracts contracts;

	PhaseoutProcess(RuntimeService runtime, TaskService tasks, InventoryState inventory, ProcessEvents events,
			ProcessRecord record, Participants participants, InstanceParticipations instances) {
		this.runtime = runtime;
		this.tasks = tasks;
		this.inventory = inventory;
		this.events = events;
		this.record = record;
		this.participants = participants;
		this.instances = instances;
		this.contracts = new Contracts(inventory);
	}

	/**
	 * Starts the organisation's process for a campaign, and reports the participation it begins;
	 * returns the process instance id.
	 */
	public String start(ProcessStart start) {
		Map<String, Object> variables = startVariables(start);
		events.participationStarted(start, Recorder.now());
		String processInstanceId = runtime.startProcessInstanceByKey(PROCESS_KEY, start.organisationId(), variables)
			.getId();
		events.processStarted(start.campaignId(), start.organisationId(), processInstanceId);
		return processInstanceId;
	}

	/**
	 * Runs {@code deliveries} in one engine command: the calls into the process they make join it (as
	 * {@link #inventoryChanged} joins its own calls), and the engine flushes what they all changed once, at
	 * its end, in batches across the organisations. Each delivery's queries read the database, which has not
	 * seen the command's changes yet: one organisation's deliveries that depend on each other belong in
	 * commands of their own.
	 */
	void inOneCommand(Runnable deliveries) {
		((ServiceImpl) runtime).getCommandExecutor().execute(command -> {
			deliveries.run();
			return null;
		});
	}

	/**
	 * Lets every wait state of the organisation re-check the inventory; nothing happens when
	 * none waits. A banned product seen while the organisation is in verification, sign-off or
	 * decommission sends it back to rollout first (cancelling those steps' tasks). Each execution
	 * waiting at the time of the call is triggered once, and only if it still waits: rollout
	 * completing ends the protection-gap wait beside it, and a message to an execution that has
	 * just ended would fail (as correlateAll does). A wait state reached during this call checked
	 * the inventory on its way in. The baseline wait is not woken before a completed scan is
	 * known: it would only loop back, at the cost of a round through the engine. The waiting
	 * executions are found in one query; what each waits for is asked once the inventory was read,
	 * under the organisation's lock (whatever else moved it meanwhile, a project manager's task or
	 * another delivery, has committed by then), and asked again after a message of this call moved
	 * something: a message to an execution that moved on would fail.
	 */
	public void inventoryChanged(String organisationId) {
		// one command for the organisation: the engine's calls below share its context and flush once at its end
		((ServiceImpl) runtime).getCommandExecutor().execute(command -> {
			deliverInventoryChanged(organisationId);
			return null;
		});
	}

	private void deliverInventoryChanged(String organisationId) {
		List<Execution> executions = waiting(organisationId);
		Map<String, InventorySnapshot> snapshots = new HashMap<>();
		Map<String, Map<String, EventSubscription>> waits = new HashMap<>();
		boolean moved = false;
		for (Execution execution : executions) {
			// the inventory read first, under the organisation's lock; then what the execution waits for
			InventorySnapshot snapshot = snapshots.computeIfAbsent(execution.getProcessInstanceId(),
					instance -> inventory.snapshot(campaignOf(instance), organisationId));
			Map<String, EventSubscription> waiting = stillWaiting(execution);
			waits.put(execution.getId(), waiting);
			if (waiting.containsKey(MESSAGE_BANNED_PRODUCT_SEEN) && snapshot.banned() > 0) {
				runtime.messageEventReceived(MESSAGE_BANNED_PRODUCT_SEEN, execution.getId());
				moved = true;
			}
		}
		for (Execution execution : executions) {
			// asked again only once something moved: a message to an execution that has just ended would fail
			Map<String, EventSubscription> waiting = moved ? stillWaiting(execution)
					: waits.get(execution.getId());
			EventSubscription changed = waiting.get(MESSAGE_INVENTORY_CHANGED);
			if (changed != null && mayLeave(changed, snapshots.get(execution.getProcessInstanceId()))) {
				runtime.messageEventReceived(MESSAGE_INVENTORY_CHANGED, execution.getId());
				moved = true;
			}
		}
	}

	/** The organisation's executions waiting for a message, in one query, by id. */
	private List<Execution> waiting(String organisationId) {
		return runtime.createExecutionQuery()
			.processDefinitionKey(PROCESS_KEY)
			.processInstanceBusinessKey(organisationId)
			.messageEventSubscription()
			.list()
			.stream()
			.sorted(Comparator.comparing(Execution::getId))
			.toList();
	}

	/**
	 * The execution's message subscriptions by message name, none once it no longer waits: from the
	 * execution as this command holds it (the query in {@link #waiting} put it in the command's cache, and
	 * the engine's calls since changed that same entity), not from the database, which has not seen the
	 * command's changes yet.
	 */
	private static Map<String, EventSubscription> stillWaiting(Execution execution) {
		Map<String, EventSubscription> waits = new HashMap<>();
		ExecutionEntity held = (ExecutionEntity) execution;
		if (Context.getCommandContext().getDbEntityManager().getDbEntityCache().isDeleted(held)) {
			return waits;
		}
		held.getEventSubscriptions()
			.stream()
			.filter(subscription -> EventType.MESSAGE.name().equals(subscription.getEventType()))
			.forEach(subscription -> waits.put(subscription.getEventName(), subscription));
		return waits;
	}

	private static boolean mayLeave(EventSubscription subscription, InventorySnapshot snapshot) {
		return !ProcessConstants.Element.WAIT_INVENTORY_BASELINE.equals(subscription.getActivityId())
				|| snapshot.baselineKnown();
	}

	/** Completes an open Task_ChooseAlternative with the selection; otherwise the process reads it later. */
	public void alternativeSelected(String organisationId) {
		for (Task task : openTasks(organisationId, ProcessConstants.Element.TASK_CHOOSE_ALTERNATIVE)) {
			String campaignId = campaignOf(task.getProcessInstanceId());
			inventory.alternativeSelection(campaignId, organisationId).ifPresent(selection -> {
				String actor = EventVariables.actor(selection.eventSource(), selection.eventId());
				tasks.setVariableLocal(task.getId(), DecisionRecorder.COMPLETED_BY_EVENT, actor);
				record.append(campaignId, organisationId, task.getProcessInstanceId(), new ProcessRecord.Entry(
						ProcessRecord.Kind.ALTERNATIVE, Recorder.now(), actor, EventVariables.record(selection)));
				tasks.complete(task.getId(), EventVariables.of(selection));
			});
		}
	}

	/**
	 * Completes an open Task_ConfirmContractEnded when a termination of the banned product's
	 * vendor ends the contract by today; otherwise the process reads it later, and a termination
	 * with an end date ahead is signalled again on that date.
	 */
	public void contractTerminated(String organisationId) {
		for (Task task : openTasks(organisationId, ProcessConstants.Element.TASK_CONFIRM_CONTRACT_ENDED)) {
			String campaignId = campaignOf(task.getProcessInstanceId());
			List<String> vendors = participants.participant(campaignId, organisationId)
				.map(Participant::bannedVendors)
				.orElse(List.of());
			contracts.ended(campaignId, organisationId, vendors).ifPresent(termination -> {
				String actor = EventVariables.actor(termination.eventSource(), termination.eventId());
				tasks.setVariableLocal(task.getId(), DecisionRecorder.COMPLETED_BY_EVENT, actor);
				record.append(campaignId, organisationId, task.getProcessInstanceId(),
						new ProcessRecord.Entry(ProcessRecord.Kind.CONTRACT_ENDED, Recorder.now(), actor,
								EventVariables.record(termination)));
				tasks.complete(task.getId(), EventVariables.of(termination));
			});
		}
	}

	/**
	 * A banned product appeared in the campaign for the organisation. If it had been phased out,
	 * that is a regression: reported, recorded with its endpoints, and the work reopened in a new
	 * process instance at {@code Task_ResolveRegression}, with the deadline watch restarted on the
	 * campaign's deadlines counted from now. Decided under the organisation's projection lock and
	 * from the application's own tables, so two nodes never reopen it twice and Camunda's history
	 * cleanup changes nothing. Returns whether it reopened the work.
	 */
	public boolean regression(String campaignId, String organisationId) {
		InventorySnapshot snapshot = inventory.snapshot(campaignId, organisationId);
		if (snapshot.banned() == 0) {
			return false;
		}
		Instant now = Recorder.now();
		// the participation's phase first: one row of the application's own, where the engine's query for a running
		// instance reads its executions; nearly every banned product seen is in an organisation not phased out
		Optional<ProcessStart> restart = participants.restartAfterPhaseOut(campaignId, organisationId, now);
		if (restart.isEmpty() || runningInstance(campaignId, organisationId)) {
			return false;
		}
		EndpointList banned = inventory.endpoints(campaignId, organisationId, EndpointStatus.BANNED,
				ProtectionGapDelegate.SHOWN);
		Map<String, Object> variables = startVariables(restart.get());
		variables.put(Var.PHASE, Phase.PHASED_OUT.name());
		variables.put(Var.PHASE_TEKST, DutchText.phase(Phase.PHASED_OUT.name()));
		variables.put(Var.REGRESSION_BANNED, banned.total());
		variables.put(Var.REGRESSION_ENDPOINTS_LIST, banned.describe());
		String reopened = runtime.createProcessInstanceByKey(PROCESS_KEY)
			.businessKey(organisationId)
			.setVariables(variables)
			.startBeforeActivity(ProcessConstants.Element.TASK_RESOLVE_REGRESSION)
			.startBeforeActivity(ProcessConstants.Element.SUBPROCESS_DEADLINE_WATCH + "#multiInstanceBody")
			.execute()
			.getId();
		events.regressionDetected(campaignId, organisationId, reopened, banned.total(), restart.get().deadlines(), now);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("banned", banned.total());
		data.put("endpoints", banned.endpoints().stream().map(InventoryState.Endpoint::endpointId).toList());
		data.put("endpointsShown", banned.describe());
		data.put("reopenedIn", reopened);
		record.append(campaignId, organisationId, reopened,
				new ProcessRecord.Entry(ProcessRecord.Kind.REGRESSION, now, null, data));
		log.info("Regression for {} in {}: {} endpoint(s) with the banned product; reopened in process instance {}",
				organisationId, campaignId, banned.total(), reopened);
		return true;
	}

	/**
	 * What the instance starts with. Its campaign and deadlines become its row in
	 * {@code process_participant} as it starts ({@link ParticipantsPlugin}); the category is the
	 * applicability decision's input, read in the same transaction; the rest is shown to people
	 * (Tasklist, Cockpit). After the start the process reads none of them.
	 */
	private static Map<String, Object> startVariables(ProcessStart start) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(Var.CAMPAIGN_ID, start.campaignId());
		variables.put(Var.ORGANISATION_ID, start.organisationId());
		variables.put(Var.ORGANISATION_NAME, start.organisationName());
		variables.put(Var.CATEGORY, start.category());
		variables.put(Var.PM_GROUP, start.pmGroup());
		variables.put(Var.OVERDUE, false);
		variables.putAll(deadlineVariables(start));
		return variables;
	}

	private static Map<String, Object> deadlineVariables(ProcessStart start) {
		Map<String, Object> variables = new HashMap<>();
		Milestone.deadlines().forEach(name -> variables.put(Var.deadline(name), null));
		if (start.deadlines() != null) {
			start.deadlines().forEach((name, due) -> {
				if (Milestone.byDeadline(name).isEmpty()) {
					throw new IllegalArgumentException(
							"Unknown deadline '" + name + "'; use one of " + Milestone.deadlines());
				}
				variables.put(Var.deadline(name), due == null ? null : Date.from(due));
			});
		}
		return variables;
	}

	private List<Task> openTasks(String organisationId, String taskDefinitionKey) {
		return tasks.createTaskQuery()
			.processDefinitionKey(PROCESS_KEY)
			.processInstanceBusinessKey(organisationId)
			.taskDefinitionKey(taskDefinitionKey)
			.list();
	}

	private boolean runningInstance(String campaignId, String organisationId) {
		return runtime.createProcessInstanceQuery()
			.processDefinitionKey(PROCESS_KEY)
			.processInstanceBusinessKey(organisationId)
			.list()
			.stream()
			.anyMatch(instance -> campaignId.equals(campaignOf(instance.getId())));
	}

	/**
	 * The campaign the instance was started in, from the process's own table: inside an engine command
	 * through its participant session, which the steps that follow ask too (read once a command).
	 */
	private String campaignOf(String processInstanceId) {
		if (Context.getCommandContext() != null) {
			return ParticipantSession.current().instance(processInstanceId).campaignId();
		}
		return instances.find(processInstanceId)
			.map(InstanceParticipation::campaignId)
			.orElseThrow(() -> new IllegalStateException(
					"Process instance " + processInstanceId + " has no row in process_participant"));
	}

}
