package nl.phaseout.engine.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.camunda.bpm.dmn.engine.DmnEngine;

import nl.phaseout.engine.process.Milestone;

/**
 * Turns a definition from the API into a campaign, or into every problem it has: the template
 * filled in under the body's fields, each field checked, the classification DMN checked as
 * {@link ClassificationCheck} does. Touches nothing: what it answers is stored and deployed only
 * when there is no problem.
 */
final class CampaignDefinitions {

	static final String ID_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

	static final List<String> APPLICABILITY = List.of("MANDATORY", "ADVISED", "NOT_REQUIRED");

	/** A definition that passed: the campaign to store, and what its two decisions are made of. */
	record Checked(Campaign campaign, String classification, Map<String, String> applicability,
			Map<String, String> rationale) {
	}

	private final CampaignTemplates templates;

	private final ClassificationCheck classification;

	CampaignDefinitions(CampaignTemplates templates, DmnEngine dmn) {
		this.templates = templates;
		this.classification = new ClassificationCheck(dmn);
	}

	/** The campaign, as a draft; or an {@link InvalidCampaignException} naming every problem. */
	Checked check(CampaignDefinition body) {
		return check(body, id -> false);
	}

	/** As {@link #check(CampaignDefinition)}, and an id {@code inUse} says is taken is a problem too. */
	Checked check(CampaignDefinition body, Predicate<String> inUse) {
		List<String> problems = new ArrayList<>();
		CampaignDefinition definition = body;
		CampaignTemplate template = null;
		if (body.template() != null && !body.template().isBlank()) {
			template = templates.find(body.template().strip()).orElse(null);
			if (template == null) {
				throw new InvalidCampaignException(List.of("template '" + body.template() + "' is unknown; shipped"
						+ " templates are " + String.join(", ", templates.ids())));
			}
			definition = template.under(body);
		}
		String id = definition.id() == null ? null : definition.id().strip();
		if (id == null || id.isEmpty()) {
			problems.add("id is required: lower-case letters, digits, '.', '_' or '-', such as windows-10-nl");
		}
		else if (!id.matches(ID_PATTERN)) {
			problems.add("id '" + id + "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a"
					+ " letter or digit");
		}
		else if (inUse.test(id)) {
			problems.add("id '" + id + "' is in use by another campaign; choose another");
		}
		String name = definition.name() == null ? null : definition.name().strip();
		if (name == null || name.isEmpty()) {
			problems.add("name is required");
		}
		else if (name.length() > 255) {
			problems.add("name must be at most 255 characters");
		}
		LocalDate decisionDate = null;
		String reference = null;
		if (definition.decision() != null) {
			decisionDate = date("decision.date", definition.decision().date(), problems);
			reference = blankToNull(definition.decision().reference());
			if (reference != null && reference.length() > 255) {
				problems.add("decision.reference must be at most 255 characters");
			}
		}
		List<String> vendors = vendors(definition.vendors(), problems);
		Map<String, String> applicability = applicability(definition.applicability(), problems);
		Map<String, String> deadlines = deadlines(definition.deadlines(), problems);
		String interval = blankToNull(definition.statusReportInterval());
		if (interval != null) {
			interval = positiveDuration("statusReportInterval", interval, problems);
		}
		String staleAfter = staleAfter(definition.staleAfter(), problems);
		Campaign.Exemptions exemptions = exemptions(definition.exemptions(), problems);
		String dmn = definition.classification();
		if (dmn == null || dmn.isBlank()) {
			dmn = template == null ? null : CampaignTemplates.classification(template);
		}
		if (dmn == null) {
			problems.add("classification is required (a DMN document, as a string) unless a template gives it;"
					+ " templates: " + String.join(", ", templates.ids()));
		}
		else {
			problems.addAll(classification.problems(dmn));
		}
		if (!problems.isEmpty()) {
			throw new InvalidCampaignException(problems);
		}
		Campaign campaign = new Campaign(id, name, decisionDate, CampaignDecisionTables.applicabilityKey(id),
				CampaignDecisionTables.classificationKey(id), Map.copyOf(deadlines), interval, Campaign.Status.DRAFT,
				vendors, staleAfter, exemptions, reference);
		return new Checked(campaign, dmn, applicability,
				template == null || template.applicabilityRationale() == null ? Map.of()
						: template.applicabilityRationale());
	}

	private static List<String> vendors(List<String> given, List<String> problems) {
		List<String> vendors = given == null ? List.of()
				: given.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
		if (vendors.isEmpty()) {
			problems.add("vendors is required: the banned product's vendors, each part of a vendor's name (such as"
					+ " microsoft), whose contract terminations count");
		}
		for (String vendor : vendors) {
			if (vendor.indexOf('*') >= 0 || vendor.indexOf(',') >= 0 || vendor.length() > 100) {
				problems.add("vendors: '" + vendor + "' must be part of a vendor's name (such as microsoft), without"
						+ " '*' or ',', at most 100 characters");
			}
		}
		return vendors;
	}

	private static Map<String, String> applicability(Map<String, String> given, List<String> problems) {
		Map<String, String> applicability = new LinkedHashMap<>();
		if (given == null || given.isEmpty()) {
			problems.add("applicability is required: each organisation category (" + String.join(", ", Category.NAMES)
					+ ") to " + String.join(", ", APPLICABILITY));
			return applicability;
		}
		given.forEach((category, value) -> {
			if (!Category.isValid(category)) {
				problems.add("applicability: '" + category + "' is not an organisation category; categories are "
						+ String.join(", ", Category.NAMES));
			}
			else if (value == null || !APPLICABILITY.contains(value)) {
				problems.add("applicability." + category + ": '" + value + "' is not one of "
						+ String.join(", ", APPLICABILITY));
			}
		});
		List<String> missing = Category.NAMES.stream().filter(category -> !given.containsKey(category)).toList();
		if (!missing.isEmpty()) {
			problems.add("applicability must name every organisation category; missing " + String.join(", ", missing));
		}
		Category.NAMES.forEach(category -> applicability.put(category, given.get(category)));
		return applicability;
	}

	private static Map<String, String> deadlines(CampaignDefinition.Deadlines given, List<String> problems) {
		Map<String, String> deadlines = new LinkedHashMap<>();
		if (given == null) {
			return deadlines;
		}
		deadline(deadlines, Milestone.INVENTORY, given.inventory(), problems);
		deadline(deadlines, Milestone.PLAN, given.plan(), problems);
		deadline(deadlines, Milestone.ROLLOUT_START, given.rolloutStart(), problems);
		deadline(deadlines, Milestone.COMPLETION, given.completion(), problems);
		return deadlines;
	}

	/** A positive ISO-8601 duration, or an absolute date or date-time (which may lie in the past). */
	private static void deadline(Map<String, String> deadlines, Milestone milestone, String value,
			List<String> problems) {
		String deadline = blankToNull(value);
		if (deadline == null) {
			return;
		}
		String field = "deadlines." + milestone.deadline();
		if (deadline.startsWith("P")) {
			if (positiveDuration(field, deadline, problems) != null) {
				deadlines.put(milestone.deadline(), deadline);
			}
			return;
		}
		try {
			Campaign.due(Instant.now(), deadline);
			deadlines.put(milestone.deadline(), deadline);
		}
		catch (DateTimeParseException ex) {
			problems.add(field + " '" + deadline + "' is neither an ISO-8601 duration (P30D, P6M) nor a date"
					+ " (2025-10-14) or date-time (2025-10-14T17:00:00+02:00)");
		}
	}

	private static String positiveDuration(String field, String value, List<String> problems) {
		try {
			Instant now = Instant.now();
			if (!Campaign.due(now, value).isAfter(now)) {
				problems.add(field + " must be a positive duration, not " + value);
				return null;
			}
			return value;
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			problems.add(field + " '" + value + "' is not an ISO-8601 duration such as P30D or PT5M");
			return null;
		}
	}

	/** Days or less (P14D, PT10M): months and years have no fixed length. */
	private static String staleAfter(String value, List<String> problems) {
		String staleAfter = blankToNull(value);
		if (staleAfter == null) {
			return Campaign.DEFAULT_STALE_AFTER;
		}
		try {
			Duration duration = Duration.parse(staleAfter);
			if (duration.isNegative() || duration.isZero()) {
				problems.add("staleAfter must be a positive duration, not " + staleAfter);
			}
		}
		catch (DateTimeParseException ex) {
			problems.add("staleAfter '" + staleAfter + "' is not an ISO-8601 duration in days, hours, minutes or"
					+ " seconds, such as P14D or PT10M");
		}
		return staleAfter;
	}

	private static Campaign.Exemptions exemptions(CampaignDefinition.ExemptionSettings given, List<String> problems) {
		if (given == null) {
			return Campaign.Exemptions.NONE;
		}
		LocalDate maxUntil = date("exemptions.maxUntil", given.maxUntil(), problems);
		return new Campaign.Exemptions(Boolean.TRUE.equals(given.allowed()), maxUntil,
				Boolean.TRUE.equals(given.allowSignOff()));
	}

	private static LocalDate date(String field, String value, List<String> problems) {
		String date = blankToNull(value);
		if (date == null) {
			return null;
		}
		try {
			return LocalDate.parse(date);
		}
		catch (DateTimeParseException ex) {
			problems.add(field + " '" + date + "' is not a date such as 2025-10-14");
			return null;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
