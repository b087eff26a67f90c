package nl.phaseout.engine.inventory;

/**
 * Something the process must hear about one organisation, as ingestion recorded it. Signals
 * that say the same thing ({@link #what()}) are delivered once, however many were recorded.
 */
record ProcessSignal(long id, Kind kind, String campaignId, String organisationId, int attempts) {

	enum Kind {

		/** A condition the process may wait for changed: a scan completed, rollout completeness, a gap, banned. */
		INVENTORY_CHANGED,

		ALTERNATIVE_SELECTED,

		CONTRACT_TERMINATED,

		/** Banned products appeared in the campaign: a regression if the organisation had phased out. */
		BANNED_APPEARED

	}

	/** The signal without its identity: what delivering it does. */
	What what() {
		return new What(kind, campaignId, organisationId);
	}

	record What(Kind kind, String campaignId, String organisationId) {
	}

}
