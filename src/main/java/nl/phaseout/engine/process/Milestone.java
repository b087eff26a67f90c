package nl.phaseout.engine.process;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The campaign's milestones, each with the name of its deadline and the phase that shows it was
 * reached. {@link Phase} lists the phases in process order, so any later phase counts too: an
 * organisation whose baseline shows no banned product skips to verification and has met its plan
 * and rollout-start deadlines as well. The one place deadline names are spelt.
 */
public enum Milestone {

	/** The baseline inventory is known: contract review has begun. */
	INVENTORY("inventory", Phase.CONTRACT_REVIEW),

	/** The plan: running contracts reviewed, so the alternative is being chosen. */
	PLAN("plan", Phase.ALTERNATIVE),

	/** The alternative is chosen and its rollout under way. */
	ROLLOUT_START("rolloutStart", Phase.ROLLOUT),

	/** Phased out. */
	COMPLETION("completion", Phase.PHASED_OUT);

	private final String deadline;

	private final Phase reachedAt;

	private final String column;

	Milestone(String deadline, Phase reachedAt) {
		this.deadline = deadline;
		this.reachedAt = reachedAt;
		this.column = "deadline_" + deadline.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
	}

	/** The deadline's name, as campaigns, process variables and status events spell it. */
	public String deadline() {
		return deadline;
	}

	/** The column holding the deadline in the {@code campaign} and {@code participation} tables. */
	public String column() {
		return column;
	}

	public Phase reachedAt() {
		return reachedAt;
	}

	/** Whether an organisation in this phase has reached the milestone. */
	public boolean reachedIn(Phase phase) {
		return phase != null && phase.ordinal() >= reachedAt.ordinal() && phase.ordinal() <= Phase.PHASED_OUT.ordinal();
	}

	/** Deadline names, in the order their milestones are reached. */
	public static List<String> deadlines() {
		return Arrays.stream(values()).map(Milestone::deadline).toList();
	}

	public static Optional<Milestone> byDeadline(String deadline) {
		return Arrays.stream(values()).filter(milestone -> milestone.deadline.equals(deadline)).findFirst();
	}

	/** The deadline names of the milestones an organisation in this phase has reached. */
	public static List<String> reachedDeadlines(Phase phase) {
		return Arrays.stream(values()).filter(milestone -> milestone.reachedIn(phase)).map(Milestone::deadline).toList();
	}

}
