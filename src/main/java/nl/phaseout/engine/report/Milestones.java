package nl.phaseout.engine.report;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import nl.phaseout.engine.process.Milestone;
import nl.phaseout.engine.process.Phase;

/**
 * When a deadline's milestone counts as reached, for the office's views: the first phase that
 * shows it, as the process's deadline watch decides; {@link Phase} lists the phases in process
 * order, so any later phase counts too. A milestone is overdue while its deadline has passed and
 * it is not reached: the contract's definition of an overdue organisation. Deadlines apply from
 * {@link #FIRST_HELD} on, as the process's deadline watch starts there: an advised organisation
 * still deciding on the advice, and one out of scope (not required, advice declined), has none missed.
 */
final class Milestones {

	/** Deadline name to its milestone (the participation column holding its moment, the phase that reaches it). */
	static final Map<String, Milestone> ALL = Stream.of(Milestone.values())
		.collect(Collectors.toUnmodifiableMap(Milestone::deadline, Function.identity()));

	/** The deadline names in the order their milestones come. */
	static final String[] NAMES = Milestone.deadlines().toArray(String[]::new);

	/** SQL giving a participation's phase as its place in process order ({@code p} is participation). */
	static final String PHASE_RANK = Stream.of(Phase.values())
		.map(phase -> "WHEN '" + phase.name() + "' THEN " + phase.ordinal())
		.collect(Collectors.joining(" ", "(CASE p.phase ", " END)"));

	/** The first phase in which an organisation is held to the campaign's deadlines. */
	static final Phase FIRST_HELD = Phase.INVENTORY;

	private Milestones() {
	}

	/** Whether an organisation in this phase has reached the named milestone. */
	static boolean reached(String name, String phase) {
		Milestone milestone = ALL.get(name);
		return milestone != null && milestone.reachedIn(Phase.valueOf(phase));
	}

	/** Whether an organisation in this phase is held to the deadlines: in scope, and past the decision on advice. */
	static boolean held(String phase) {
		Phase current = Phase.valueOf(phase);
		return current.ordinal() >= FIRST_HELD.ordinal() && current.ordinal() <= Phase.PHASED_OUT.ordinal();
	}

	/** SQL true when this milestone is overdue at the moment bound to the named parameter {@code :now}. */
	static String overdueSql(String name) {
		Milestone milestone = ALL.get(name);
		return "(p." + milestone.column() + " IS NOT NULL AND p." + milestone.column() + " <= :now AND " + PHASE_RANK
				+ " >= " + FIRST_HELD.ordinal() + " AND " + PHASE_RANK + " < " + milestone.reachedAt().ordinal() + ")";
	}

	/** SQL true when any milestone is overdue at {@code :now}. */
	static String anyOverdueSql() {
		return Stream.of(NAMES).map(Milestones::overdueSql).collect(Collectors.joining(" OR ", "(", ")"));
	}

}
