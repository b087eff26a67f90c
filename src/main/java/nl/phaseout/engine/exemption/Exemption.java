package nl.phaseout.engine.exemption;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One exemption, as {@code GET /api/organisations/{id}/exemptions} lists it.
 *
 * @param until the last day it runs (until the end of that day, Dutch time)
 * @param decidedBy who approved or refused it, null while requested
 * @param note the office's note with its decision
 * @param expiresAt when an approved exemption ends (the end of {@code until}, never past the campaign's maxUntil)
 */
public record Exemption(String id, String campaignId, String organisationId, List<String> endpointIds, String reason,
		LocalDate until, Status status, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt,
		String note, Instant expiresAt, Instant expiredAt) {

	/** Where an exemption is in its life. */
	public enum Status {

		REQUESTED, APPROVED, REFUSED, EXPIRED

	}

}
