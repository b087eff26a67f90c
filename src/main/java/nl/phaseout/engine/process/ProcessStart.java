package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a new phase-out process needs: who, which campaign, the vendors of the campaign's
 * banned product, and the campaign's deadlines already turned into moments.
 *
 * @param bannedVendors the campaign's {@code vendors}: each a part of a vendor's name, regardless of case
 * @param deadlines deadline name ({@code inventory}, {@code plan}, {@code rolloutStart},
 * {@code completion}) to due moment; a campaign may set none, some or all
 */
public record ProcessStart(String campaignId, String organisationId, String organisationName, String category,
		String pmGroup, String applicabilityDecisionKey, List<String> bannedVendors, Map<String, Instant> deadlines) {
}
