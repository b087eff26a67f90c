package nl.phaseout.engine.notification;

import java.time.Instant;

/**
 * What one recipient is told about one organisation: a row of the outbox before it has an id.
 *
 * @param topic the task's name, or the milestone's deadline name
 * @param dueAt the task's or the milestone's deadline, if any
 */
record Notice(Kind kind, String organisationId, String organisationName, String campaignId,
		String processInstanceId, String taskId, String topic, Instant dueAt) {
}
