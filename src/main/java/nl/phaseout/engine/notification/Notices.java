package nl.phaseout.engine.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;

import nl.phaseout.engine.process.Milestone;
import nl.phaseout.engine.process.ProcessConstants;
import nl.phaseout.engine.report.OfficeReaders;
import nl.phaseout.engine.report.Participant;
import nl.phaseout.engine.report.Participations;
import nl.phaseout.engine.report.UpcomingDeadline;

/**
 * Who is told what, written to the outbox in the caller's transaction: a new task to the members
 * of the organisation's project managers' group, a near deadline to them once per milestone and
 * deadline, a missed milestone to the office once per organisation and day. Who an organisation
 * is (its name, its group) comes from the participation read model, never from a process variable.
 */
class Notices {

	private final NotificationOutbox outbox;

	private final Recipients recipients;

	private final Participations participations;

	private final TaskService tasks;

	private final NotificationProperties properties;

	private final ZoneId zone;

	private final boolean held;

	/** @param held whether no SMTP server is configured: the notices are written to be shown, not sent */
	Notices(NotificationOutbox outbox, Recipients recipients, Participations participations, TaskService tasks,
			NotificationProperties properties, ZoneId zone, boolean held) {
		this.outbox = outbox;
		this.recipients = recipients;
		this.participations = participations;
		this.tasks = tasks;
		this.properties = properties;
		this.zone = zone;
		this.held = held;
	}

	/** A user task was created (in the engine's transaction). */
	void taskCreated(DelegateTask task) {
		String organisationId = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
		if (organisationId == null) {
			return;
		}
		Set<String> groups = task.getCandidates()
			.stream()
			.map(IdentityLink::getGroupId)
			.filter(group -> group != null)
			.collect(Collectors.toSet());
		if (groups.contains(OfficeReaders.OFFICE) && task.getProcessInstanceId() != null) {
			outbox.linkMissedTo(task.getProcessInstanceId(), task.getId());
		}
		Optional<Participant> participant = participations.participant(organisationId);
		if (participant.isEmpty() || !groups.contains(participant.get().pmGroup())) {
			return;
		}
		Date due = task.getDueDate();
		Notice notice = new Notice(Kind.TASK, organisationId, participant.get().name(), campaignOf(task.getExecution()),
				task.getProcessInstanceId(), task.getId(), task.getName(), due == null ? null : due.toInstant());
		write(notice, recipients.ofGroup(participant.get().pmGroup()));
	}

	/** The deadline watch recorded a missed milestone (in the engine's transaction). */
	void milestoneMissed(DelegateExecution execution) {
		String organisationId = execution.getProcessBusinessKey();
		Object deadline = execution.getVariable(ProcessConstants.Var.DEADLINE);
		if (organisationId == null || !(deadline instanceof String name) || Milestone.byDeadline(name).isEmpty()) {
			return;
		}
		Optional<Participant> participant = participations.participant(organisationId);
		LocalDate today = LocalDate.ofInstant(outbox.now(), zone);
		if (participant.isEmpty() || !outbox.once("missed:" + organisationId + ":" + today)) {
			return;
		}
		Object due = execution.getVariable(ProcessConstants.Var.deadline(name));
		// a miss added to the office task already open links to it; a new task links itself when created
		List<Task> open = tasks.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskCandidateGroup(OfficeReaders.OFFICE)
			.orderByTaskCreateTime()
			.asc()
			.listPage(0, 1);
		Notice notice = new Notice(Kind.MISSED, organisationId, participant.get().name(), campaignOf(execution),
				execution.getProcessInstanceId(), open.isEmpty() ? null : open.get(0).getId(), name, due instanceof Date date ? date.toInstant() : null);
		write(notice, recipients.ofGroup(OfficeReaders.OFFICE));
	}

	/** The key that says this deadline has been reminded of. */
	static String reminderKey(UpcomingDeadline deadline) {
		return "reminder:" + deadline.campaignId() + ":" + deadline.organisationId() + ":"
				+ deadline.milestone().deadline() + ":" + deadline.dueAt().getEpochSecond();
	}

	/** Reminds the organisation's project managers of the deadline, unless someone did (in the caller's transaction). */
	void remind(UpcomingDeadline deadline) {
		if (!outbox.once(reminderKey(deadline))) {
			return;
		}
		String taskId = null;
		if (deadline.processInstanceId() != null) {
			List<Task> open = tasks.createTaskQuery()
				.processInstanceId(deadline.processInstanceId())
				.taskCandidateGroup(deadline.pmGroup())
				.orderByTaskCreateTime()
				.asc()
				.listPage(0, 1);
			taskId = open.isEmpty() ? null : open.get(0).getId();
		}
		Notice notice = new Notice(Kind.REMINDER, deadline.organisationId(), deadline.organisationName(),
				deadline.campaignId(), deadline.processInstanceId(), taskId, deadline.milestone().deadline(),
				deadline.dueAt());
		write(notice, recipients.ofGroup(deadline.pmGroup()));
	}

	/** The deadlines to remind of now and not reminded of yet. */
	List<UpcomingDeadline> toRemind() {
		Instant now = outbox.now();
		List<UpcomingDeadline> upcoming = participations.upcomingDeadlines(now, now.plus(properties.remindBefore()));
		Set<String> taken = Set.copyOf(outbox.taken(upcoming.stream().map(Notices::reminderKey).toList()));
		return upcoming.stream().filter(deadline -> !taken.contains(reminderKey(deadline))).toList();
	}

	private void write(Notice notice, List<Recipient> to) {
		outbox.write(notice, to, properties.delay(), held);
	}

	/** For showing only. */
	private static String campaignOf(DelegateExecution execution) {
		Object campaign = execution == null ? null : execution.getVariable(ProcessConstants.Var.CAMPAIGN_ID);
		return campaign instanceof String id ? id : null;
	}

}
