package nl.phaseout.engine.organisation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import nl.phaseout.engine.inventory.SourcePatterns;
import nl.phaseout.engine.campaign.Category;

/**
 * An organisation to register, as it arrives over REST or in a CSV row: validated here,
 * once, for both.
 *
 * @param sources the CloudEvents sources that may report for it (exact, or a prefix ending in
 * {@code *}); none means only the trusted sources
 * @param verification how it verifies: {@code scan} (a census scan after the rollout; the default) or
 * {@code rolling} (every live endpoint observed again after the rollout, and the project manager's
 * census confirmation)
 */
record RegistrationRequest(String id, String name, String category, String pmGroup, List<String> sources,
		String verification) {

	static final String SCAN = "scan";

	static final String ROLLING = "rolling";

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

	/**
	 * Groups that already mean something to the engine: their members would become the
	 * organisation's project managers, and the organisation's tasks would go to the administrators.
	 */
	static final Set<String> RESERVED_GROUPS = Set.of("camunda-admin", "phaseout-office");

	RegistrationRequest(String id, String name, String category, String pmGroup) {
		this(id, name, category, pmGroup, List.of());
	}

	RegistrationRequest(String id, String name, String category, String pmGroup, List<String> sources) {
		this(id, name, category, pmGroup, sources, null);
	}

	RegistrationRequest {
		sources = sources == null ? List.of() : sources;
	}

	/** What is wrong with the request, in words a person can act on; empty when valid. */
	List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (isBlank(id)) {
			problems.add("id is required");
		}
		else if (!ID.matcher(id).matches()) {
			problems.add("id '" + OrganisationNames.printable(id)
					+ "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		if (isBlank(name)) {
			problems.add("name is required");
		}
		else {
			OrganisationNames.problem(name).ifPresent(problems::add);
		}
		if (isBlank(category)) {
			problems.add("category is required (one of " + String.join(", ", Category.NAMES) + ")");
		}
		else if (!Category.isValid(category.trim())) {
			problems.add("category '" + OrganisationNames.printable(category) + "' is not one of "
					+ String.join(", ", Category.NAMES));
		}
		if (!isBlank(pmGroup) && !GROUP.matcher(pmGroup.trim()).matches()) {
			problems.add("pmGroup '" + OrganisationNames.printable(pmGroup)
					+ "' must be lower-case letters, digits, '.', '_' or '-'");
		}
		else if (!isBlank(pmGroup) && RESERVED_GROUPS.contains(pmGroup.trim())) {
			problems.add("pmGroup '" + pmGroup.trim() + "' is the engine's own (camunda-admin administers the engine,"
					+ " phaseout-office is the programme office), not an organisation's project managers; leave pmGroup"
					+ " out for pm-<id>, or name a group of the organisation's own");
		}
		problems.addAll(SourcePatterns.problems(sources));
		if (!isBlank(verification) && !List.of(SCAN, ROLLING).contains(verification.strip().toLowerCase(Locale.ROOT))) {
			problems.add("verification '" + OrganisationNames.printable(verification) + "' is not one of " + SCAN + ", "
					+ ROLLING + " (" + SCAN + ": a census scan after the rollout, the default; " + ROLLING
					+ ": every endpoint observed again after the rollout, and the project manager confirms the list)");
		}
		return problems;
	}

	/** {@code scan} or {@code rolling}; call after {@link #problems()} found none. */
	String effectiveVerification() {
		return isBlank(verification) ? SCAN : verification.strip().toLowerCase(Locale.ROOT);
	}

	/** The group of the organisation's project managers: given, or {@code pm-<id>} in lower case. */
	String effectivePmGroup() {
		return isBlank(pmGroup) ? "pm-" + id.trim().toLowerCase(Locale.ROOT) : pmGroup.trim();
	}

	/** The sources, stripped and without repeats; call after {@link #problems()} found none. */
	List<String> effectiveSources() {
		return SourcePatterns.normalise(sources);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
