package nl.phaseout.engine.inventory;

import java.util.Locale;

/** What became of one record; the tag value of {@code phaseout.inventory.events}. */
enum Outcome {

	/** Applied: it changed the projection or stored a new fact. */
	ACCEPTED,
	/** Its (source, id) was processed before. */
	DUPLICATE,
	/** New, but older than what is known (an earlier observation, a retirement before the last sighting). */
	STALE,
	/** Invalid; published to the dead-letter topic with the reason. */
	DEAD_LETTERED,
	/**
	 * Its source may not report for its organisation, may not come from its topic, or its
	 * unregistered organisation has no room left to keep it; dead-lettered with the reason.
	 */
	REFUSED,
	/** For an organisation not registered yet, from a source not trusted for all: kept until it registers. */
	PARKED,
	/**
	 * Valid, but nothing the engine uses: an osquery result of another query, or a differential
	 * result; not dead-lettered.
	 */
	IGNORED;

	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
