package nl.phaseout.engine.inventory;

import java.time.Instant;

/**
 * An endpoint as the projection keeps it for one campaign: its latest observation (and the state
 * that observation classifies to) and its latest retirement. Folding events in is order-free: the
 * same events in any order give the same row.
 */
record EndpointRow(String campaignId, String organisationId, String endpointId, Instant observedAt,
		Instant retiredAt, EndpointState state, String bannedProducts) {

	/** Retired when the latest retirement is later than the latest observation. */
	boolean retired() {
		return retiredAt != null && (observedAt == null || retiredAt.isAfter(observedAt));
	}

	/** This row with the observation applied, or {@code null} when it is not newer (stale). */
	static EndpointRow observe(EndpointRow current, String campaignId, String organisationId, String endpointId,
			Instant observedAt, EndpointState state, String bannedProducts) {
		if (current == null) {
			return new EndpointRow(campaignId, organisationId, endpointId, observedAt, null, state, bannedProducts);
		}
		if (current.observedAt != null && !observedAt.isAfter(current.observedAt)) {
			return null;
		}
		return new EndpointRow(campaignId, organisationId, endpointId, observedAt, current.retiredAt, state,
				bannedProducts);
	}

	/** This row with the retirement applied, or {@code null} when it changes nothing (stale). */
	static EndpointRow retire(EndpointRow current, String campaignId, String organisationId, String endpointId,
			Instant retiredAt) {
		if (current == null) {
			return new EndpointRow(campaignId, organisationId, endpointId, null, retiredAt, null, null);
		}
		boolean notLater = (current.retiredAt != null && !retiredAt.isAfter(current.retiredAt))
				|| (current.observedAt != null && !retiredAt.isAfter(current.observedAt));
		if (notLater) {
			return null;
		}
		return new EndpointRow(campaignId, organisationId, endpointId, current.observedAt, retiredAt, current.state,
				current.bannedProducts);
	}

}
