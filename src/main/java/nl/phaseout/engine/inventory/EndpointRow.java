package nl.phaseout.engine.inventory;

import java.time.Instant;


/**
 * An endpoint as the projection keeps it for one campaign: its latest observation (and the state
 * that observation classifies to, and its whole product list as JSON text), its latest retirement,
 * and the identity of the event that made it so. Folding events in is order-free: the same events
 * in any order give the same row. {@code exempted}: an approved exemption covers the endpoint (set
 * and cleared by the exemption, never by an event; an event keeps it).
 */
record EndpointRow(String campaignId, String organisationId, String endpointId, Instant observedAt,
		Instant retiredAt, EndpointState state, String bannedProducts, EventId lastEvent, String products,
		boolean exempted) {

	EndpointRow(String campaignId, String organisationId, String endpointId, Instant observedAt, Instant retiredAt,
			EndpointState state, String bannedProducts, EventId lastEvent, String products) {
		this(campaignId, organisationId, endpointId, observedAt, retiredAt, state, bannedProducts, lastEvent, products,
				false);
	}

	/** This row, exempted or not. */
	EndpointRow withExempted(boolean exempt) {
		return new EndpointRow(campaignId, organisationId, endpointId, observedAt, retiredAt, state, bannedProducts,
				lastEvent, products, exempt);
	}

	/** Retired when the latest retirement is later than the latest observation. */
	boolean retired() {
		return retiredAt != null && (observedAt == null || retiredAt.isAfter(observedAt));
	}

	/** The inventory time of the latest event folded into this row. */
	Instant latestTime() {
		if (retiredAt == null) {
			return observedAt;
		}
		return observedAt == null || retiredAt.isAfter(observedAt) ? retiredAt : observedAt;
	}

	/** Whether this row is as the given event left it: the event is a repeat. */
	boolean lastApplied(EventId event) {
		return event.equals(lastEvent);
	}

	/** This row with the observation applied, or {@code null} when it is not newer (stale). */
	static EndpointRow observe(EndpointRow current, String campaignId, String organisationId, String endpointId,
			Instant observedAt, EndpointState state, String bannedProducts, EventId event, String products) {
		if (current == null) {
			return new EndpointRow(campaignId, organisationId, endpointId, observedAt, null, state, bannedProducts,
					event, products);
		}
		if (current.observedAt != null && !observedAt.isAfter(current.observedAt)) {
			return null;
		}
		return new EndpointRow(campaignId, organisationId, endpointId, observedAt, current.retiredAt, state,
				bannedProducts, event, products, current.exempted);
	}

	/** This row with the retirement applied, or {@code null} when it changes nothing (stale). */
	static EndpointRow retire(EndpointRow current, String campaignId, String organisationId, String endpointId,
			Instant retiredAt, EventId event) {
		if (current == null) {
			return new EndpointRow(campaignId, organisationId, endpointId, null, retiredAt, null, null, event, null);
		}
		boolean notLater = (current.retiredAt != null && !retiredAt.isAfter(current.retiredAt))
				|| (current.observedAt != null && !retiredAt.isAfter(current.observedAt));
		if (notLater) {
			return null;
		}
		return new EndpointRow(campaignId, organisationId, endpointId, current.observedAt, retiredAt, current.state,
				current.bannedProducts, event, current.products, current.exempted);
	}

}
