package nl.phaseout.engine.process;

import java.util.List;

/**
 * An organisation in a campaign as the application's own tables have it now: what the process
 * shows, routes and decides by. Never read from a process variable, which an administrator may
 * change and a task's form might carry.
 *
 * @param organisationName the organisation's name, in task names
 * @param pmGroup the Camunda group of its project managers: the candidate group of its tasks
 * @param category its category, which the campaign's applicability decision reads
 * @param applicabilityDecision the key of the campaign's applicability decision table
 * @param bannedVendors the campaign's {@code vendors}: exact names or prefixes ending in '*'
 */
public record Participant(String organisationName, String pmGroup, String category, String applicabilityDecision,
		List<String> bannedVendors) {
}
