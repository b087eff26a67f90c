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
 * @param endpoints {@code banned}, {@code unprotected}, {@code protected}, {@code stale} or {@code any}: only the
 *        organisations in scope (whose endpoints count in the campaign's figures) that have at least one
 *        such live endpoint; null: all
 * @param text a piece of the id or the name, any case
 * @param sort a sort key, {@code -} in front for descending
 */
public record OrganisationQuery(String phase, String category, Boolean overdue, String endpoints, String text,
		int page, int size, String sort) {

	public static final int DEFAULT_SIZE = 50;

	public static final int MAX_SIZE = 500;

	/** Sort key to the inner query's expression ({@code p} participation, {@code o} organisation, {@code c} counts). */
	static final Map<String, String> SORTS = Map.ofEntries(Map.entry("id", "p.organisation_id"),
			Map.entry("name", "LOWER(p.organisation_name)"), Map.entry("category", "p.category"),
			Map.entry("phase", Milestones.PHASE_RANK), Map.entry("daysInPhase", "p.phase_changed_at"),
			Map.entry("total", "COALESCE(c.total, 0)"), Map.entry("banned", "COALESCE(c.banned, 0)"),
			Map.entry("protected", "COALESCE(c.protected_count, 0)"),
			Map.entry("unprotected", "COALESCE(c.unprotected, 0)"), Map.entry("stale", "COALESCE(c.stale, 0)"),
			Map.entry("exempted", "COALESCE(c.exempted, 0)"), Map.entry("lastScan", "LAST_SCAN"),
			Map.entry("overdue", "OVERDUE_COUNT"));

	/** The {@code endpoints} filter's values, to the count column that must be above zero. */
	static final Map<String, String> ENDPOINTS = Map.of("banned", "c.banned", "unprotected", "c.unprotected",
			"protected", "c.protected_count", "stale", "c.stale", "exempted", "c.exempted", "any", "c.total");

	/** The order the office's dashboard opens with: overdue organisations first (most missed first), then by id. */
	public static final String OVERDUE_FIRST = "-overdue";

	public static final OrganisationQuery FIRST_PAGE = new OrganisationQuery(null, null, null, null, null, 0,
			DEFAULT_SIZE, "id");

	/**
	 * Checks the parameters as they arrive (any may be null or blank) and says in one message
	 * everything that is wrong with them.
	 */
	public static OrganisationQuery parse(String phase, String category, String overdue, String text, String page,
			String size, String sort) {
		return parse(phase, category, overdue, null, text, page, size, sort, "id");
	}

	/** As {@link #parse(String, String, String, String, String, String, String)}, with the endpoints filter and a default order. */
	public static OrganisationQuery parse(String phase, String category, String overdue, String endpoints, String text,
			String page, String size, String sort, String defaultSort) {
		List<String> messages = new ArrayList<>();
		List<InvalidQueryException.Problem> problems = new ArrayList<>();
		String phaseValue = blankToNull(phase);
		if (phaseValue != null && Arrays.stream(Phase.values()).noneMatch(p -> p.name().equals(phaseValue))) {
			String allowed = Arrays.stream(Phase.values()).map(Enum::name).collect(Collectors.joining(", "));
			messages.add("phase '" + phase + "' is not one of " + allowed);
			problems.add(problem("phase", "unknown", phase.trim()));
		}
		String categoryValue = blankToNull(category);
		if (categoryValue != null && !Category.isValid(categoryValue)) {
			messages.add("category '" + category + "' is not one of " + String.join(", ", Category.NAMES));
			problems.add(problem("category", "unknown", category.trim()));
		}
		Boolean overdueValue = null;
		if (blankToNull(overdue) != null) {
			switch (overdue.trim().toLowerCase(Locale.ROOT)) {
				case "true" -> overdueValue = Boolean.TRUE;
				case "false" -> overdueValue = Boolean.FALSE;
				default -> {
					messages.add("overdue '" + overdue + "' must be true or false");
					problems.add(problem("overdue", "unknown", overdue.trim()));
				}
			}
		}
		String endpointsValue = blankToNull(endpoints);
		if (endpointsValue != null && !ENDPOINTS.containsKey(endpointsValue)) {
			messages.add("endpoints '" + endpoints + "' is not one of "
					+ String.join(", ", ENDPOINTS.keySet().stream().sorted().toList()));
			problems.add(problem("endpoints", "unknown", endpointsValue));
		}
		String textValue = blankToNull(text);
		if (textValue != null && textValue.length() > 100) {
			messages.add("q must be at most 100 characters");
			problems.add(problem("q", "length", 100));
		}
		int pageValue = number("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE, messages, problems);
		int sizeValue = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, messages, problems);
		String sortValue = blankToNull(sort) == null ? defaultSort : sort.trim();
		if (!SORTS.containsKey(sortValue.startsWith("-") ? sortValue.substring(1) : sortValue)) {
			messages.add("sort '" + sort + "' is not one of "
					+ String.join(", ", SORTS.keySet().stream().sorted().toList()) + " (with '-' in front for descending)");
			problems.add(problem("sort", "unknown", sort.trim()));
		}
		if (!messages.isEmpty()) {
			throw new InvalidQueryException(String.join("; ", messages), problems);
		}
		return new OrganisationQuery(phaseValue, categoryValue, overdueValue, endpointsValue,
				textValue == null ? null : textValue.trim(), pageValue, sizeValue, sortValue);
	}

	private static InvalidQueryException.Problem problem(String parameter, String kind, Object... values) {
		return new InvalidQueryException.Problem(parameter, kind, List.of(values));
	}

	public boolean descending() {
		return sort.startsWith("-");
	}

	public String sortKey() {
		return descending() ? sort.substring(1) : sort;
	}

	public OrganisationQuery withPage(int newPage) {
		return new OrganisationQuery(phase, category, overdue, endpoints, text, newPage, size, sort);
	}

	public OrganisationQuery withSort(String newSort) {
		return new OrganisationQuery(phase, category, overdue, endpoints, text, 0, size, newSort);
	}

	private static int number(String name, String value, int absent, int min, int max, List<String> messages,
			List<InvalidQueryException.Problem> problems) {
		if (blankToNull(value) == null) {
			return absent;
		}
		try {
			int number = Integer.parseInt(value.trim());
			if (number < min || number > max) {
				messages.add(name + " must be from " + min + " to " + max + ", not " + number);
				problems.add(problem(name, "range", min, max, number));
			}
			return number;
		}
		catch (NumberFormatException ex) {
			messages.add(name + " '" + value + "' is not a whole number");
			problems.add(problem(name, "number", value.trim()));
			return absent;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
