package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.Map;

/**
 * Everything a new phase-out process needs: who, which campaign, and the campaign's
 * deadlines already turned into moments (registration time plus the configured duration).
 *
 * @param deadlines deadline name ({@code inventory}, {@code plan}, {@code rolloutStart},
 * {@code completion}) to due moment; a campaign may set none, some or all
 */
public record ProcessStart(String campaignId, String organisationId, String organisationName, String category,
		String pmGroup, String applicabilityDecisionKey, Map<String, Instant> deadlines) {
}
