package nl.phaseout.engine.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import nl.phaseout.engine.campaign.Category;
import nl.phaseout.engine.process.Phase;

/**
 * What the office asks of the organisations table: filters, a page and an order. Built from
 * request parameters, which are checked here once for the API, the CSV and the dashboard.
 *
 * @param overdue true: only overdue organisations; false: only those that are not; null: both
 * @param text a piece of the id or the name, any case
 * @param sort a sort key, {@code -} in front for descending
 */
public record OrganisationQuery(String phase, String category, Boolean overdue, String text, int page, int size,
		String sort) {

	public static final int DEFAULT_SIZE = 50;

	public static final int MAX_SIZE = 500;

	/** Sort key to the inner query's expression ({@code p} participation, {@code o} organisation, {@code c} counts). */
	static final Map<String, String> SORTS = Map.ofEntries(Map.entry("id", "p.organisation_id"),
			Map.entry("name", "LOWER(p.organisation_name)"), Map.entry("category", "p.category"),
			Map.entry("phase", Milestones.PHASE_RANK), Map.entry("daysInPhase", "p.phase_changed_at"),
			Map.entry("total", "COALESCE(c.total, 0)"), Map.entry("banned", "COALESCE(c.banned, 0)"),
			Map.entry("protected", "COALESCE(c.protected_count, 0)"),
			Map.entry("unprotected", "COALESCE(c.unprotected, 0)"), Map.entry("stale", "COALESCE(c.stale, 0)"), Map.entry("lastScan", "LAST_SCAN"),
			Map.entry("overdue", "OVERDUE_COUNT"));

	public static final OrganisationQuery FIRST_PAGE = new OrganisationQuery(null, null, null, null, 0, DEFAULT_SIZE,
			"id");

	/**
	 * Checks the parameters as they arrive (any may be null or blank) and says in one message
	 * everything that is wrong with them.
	 */
	public static OrganisationQuery parse(String phase, String category, String overdue, String text, String page,
			String size, String sort) {
		List<String> problems = new ArrayList<>();
		String phaseValue = blankToNull(phase);
		if (phaseValue != null && Arrays.stream(Phase.values()).noneMatch(p -> p.name().equals(phaseValue))) {
			problems.add("phase '" + phase + "' is not one of "
					+ Arrays.stream(Phase.values()).map(Enum::name).collect(Collectors.joining(", ")));
		}
		String categoryValue = blankToNull(category);
		if (categoryValue != null && !Category.isValid(categoryValue)) {
			problems.add("category '" + category + "' is not one of " + String.join(", ", Category.NAMES));
		}
		Boolean overdueValue = null;
		if (blankToNull(overdue) != null) {
			switch (overdue.trim().toLowerCase(Locale.ROOT)) {
				case "true" -> overdueValue = Boolean.TRUE;
				case "false" -> overdueValue = Boolean.FALSE;
				default -> problems.add("overdue '" + overdue + "' must be true or false");
			}
		}
		String textValue = blankToNull(text);
		if (textValue != null && textValue.length() > 100) {
			problems.add("q must be at most 100 characters");
		}
		int pageValue = number("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE, problems);
		int sizeValue = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, problems);
		String sortValue = blankToNull(sort) == null ? "id" : sort.trim();
		if (!SORTS.containsKey(sortValue.startsWith("-") ? sortValue.substring(1) : sortValue)) {
			problems.add("sort '" + sort + "' is not one of " + String.join(", ", SORTS.keySet().stream().sorted().toList())
					+ " (with '-' in front for descending)");
		}
		if (!problems.isEmpty()) {
			throw new InvalidQueryException(String.join("; ", problems));
		}
		return new OrganisationQuery(phaseValue, categoryValue, overdueValue, textValue == null ? null : textValue.trim(),
				pageValue, sizeValue, sortValue);
	}

	public boolean descending() {
		return sort.startsWith("-");
	}

	public String sortKey() {
		return descending() ? sort.substring(1) : sort;
	}

	public OrganisationQuery withPage(int newPage) {
		return new OrganisationQuery(phase, category, overdue, text, newPage, size, sort);
	}

	public OrganisationQuery withSort(String newSort) {
		return new OrganisationQuery(phase, category, overdue, text, 0, size, newSort);
	}

	private static int number(String name, String value, int absent, int min, int max, List<String> problems) {
		if (blankToNull(value) == null) {
			return absent;
		}
		try {
			int number = Integer.parseInt(value.trim());
			if (number < min || number > max) {
				problems.add(name + " must be from " + min + " to " + max + ", not " + number);
			}
			return number;
		}
		catch (NumberFormatException ex) {
			problems.add(name + " '" + value + "' is not a whole number");
			return absent;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
