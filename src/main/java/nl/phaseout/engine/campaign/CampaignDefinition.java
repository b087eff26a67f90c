package nl.phaseout.engine.campaign;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A campaign as the programme office defines it ({@code POST /api/campaigns}): every field but
 * {@code id} and {@code name} may come from a {@code template} instead, and a field given here
 * overrides the template's (within {@code decision}, {@code deadlines}, {@code exemptions} and
 * {@code applicability}, field by field). Dates and durations are strings, so that a wrong one is
 * named in the answer rather than refused as unreadable JSON.
 *
 * @param classification a DMN 1.3 document (XML) with one decision table that classifies one product
 * ({@code vendor}, {@code name}, {@code version}, {@code category}, {@code state}) as {@code BANNED},
 * {@code ALTERNATIVE} or {@code OTHER} in its output {@code classification}
 * @param applicability organisation category to {@code MANDATORY}, {@code ADVISED} or {@code NOT_REQUIRED}
 */
@Schema(description = "A campaign's definition. Fields given here override the template's.")
public record CampaignDefinition(@Schema(example = "windows-10-nl") String id,
		@Schema(example = "Uitfasering Windows 10") String name, Decision decision,
		@Schema(example = "windows-10-eos-2025") String template, String classification, List<String> vendors,
		@Schema(example = "{\"CENTRAL_GOVERNMENT\": \"MANDATORY\", \"OTHER\": \"ADVISED\"}") Map<String, String> applicability,
		Deadlines deadlines, @Schema(example = "P30D") String statusReportInterval,
		@Schema(example = "P14D") String staleAfter, ExemptionSettings exemptions) {

	/** Where and when the decision was published. */
	public record Decision(@Schema(example = "Kamerstuk 30 821 / 26 643 nr. 46") String reference,
			@Schema(example = "2018-05-14") String date) {
	}

	/** Each an ISO-8601 duration from when an organisation joins (P30D) or a date (2025-10-14). */
	public record Deadlines(@Schema(example = "P30D") String inventory, @Schema(example = "P60D") String plan,
			@Schema(example = "P90D") String rolloutStart, @Schema(example = "2025-10-14") String completion) {

		static final Deadlines NONE = new Deadlines(null, null, null, null);

		Deadlines over(Deadlines base) {
			Deadlines b = base == null ? NONE : base;
			return new Deadlines(or(inventory, b.inventory), or(plan, b.plan), or(rolloutStart, b.rolloutStart),
					or(completion, b.completion));
		}

	}

	/**
	 * Whether project managers may ask for endpoints to be exempted, the last day an exemption may
	 * run to, and whether an organisation with exempted endpoints may still sign off.
	 */
	public record ExemptionSettings(Boolean allowed, @Schema(example = "2026-10-13") String maxUntil,
			Boolean allowSignOff) {

		ExemptionSettings over(ExemptionSettings base) {
			if (base == null) {
				return this;
			}
			return new ExemptionSettings(allowed == null ? base.allowed : allowed, or(maxUntil, base.maxUntil),
					allowSignOff == null ? base.allowSignOff : allowSignOff);
		}

	}

	static String or(String value, String otherwise) {
		return value == null || value.isBlank() ? otherwise : value;
	}

}
