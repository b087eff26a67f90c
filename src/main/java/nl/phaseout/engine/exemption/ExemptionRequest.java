package nl.phaseout.engine.exemption;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a project manager asks for: these live endpoints of the organisation exempted from the
 * campaign until the end of {@code until} (a date, yyyy-mm-dd), for this reason.
 */
public record ExemptionRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String campaignId,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> endpointIds,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "Why these endpoints cannot move in time, 1 to 4000 characters") String reason,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-10-13",
				description = "The last day (yyyy-mm-dd), not in the past and not past the campaign's exemptions.maxUntil")
		String until) {
}
