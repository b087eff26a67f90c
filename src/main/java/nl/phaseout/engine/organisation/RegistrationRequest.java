package nl.phaseout.engine.organisation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An organisation to register, as it arrives over REST or in a CSV row: validated here,
 * once, for both.
 */
record RegistrationRequest(String id, String name, String category, String pmGroup) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

	/** What is wrong with the request, in words a person can act on; empty when valid. */
	List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (isBlank(id)) {
			problems.add("id is required");
		}
		else if (!ID.matcher(id).matches()) {
			problems.add("id '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		if (isBlank(name)) {
			problems.add("name is required");
		}
		else if (name.length() > 255) {
			problems.add("name must be at most 255 characters");
		}
		if (isBlank(category)) {
			problems.add("category is required (one of " + Category.NAMES + ")");
		}
		else if (!Category.isValid(category.trim())) {
			problems.add("category '" + category + "' is not one of " + Category.NAMES);
		}
		if (!isBlank(pmGroup) && !GROUP.matcher(pmGroup.trim()).matches()) {
			problems.add("pmGroup '" + pmGroup + "' must be lower-case letters, digits, '.', '_' or '-'");
		}
		return problems;
	}

	/** The group of the organisation's project managers: given, or {@code pm-<id>} in lower case. */
	String effectivePmGroup() {
		return isBlank(pmGroup) ? "pm-" + id.trim().toLowerCase(Locale.ROOT) : pmGroup.trim();
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
