package nl.phaseout.engine.inventory;

import java.time.Instant;

/** An {@code alternative.selected} event as the projection keeps it, with where it came from. */
public record AlternativeSelection(String vendor, String product, Instant selectedAt, String eventSource,
		String eventId) {
}
