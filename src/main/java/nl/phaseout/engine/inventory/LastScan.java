package nl.phaseout.engine.inventory;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An organisation's most recent completed inventory scan (by {@code completedAt}, then
 * {@code scanId}): {@code endpointCount} is how many live endpoints the inventory system says it
 * reported as of {@code completedAt}; {@code source} is who reported it; {@code startedAt}, when the
 * scan said it, makes it cover exactly the live endpoints observed from then to {@code completedAt}.
 * The REST views show the scan's id and moments only.
 */
public record LastScan(String scanId, Instant completedAt, @JsonIgnore long endpointCount,
		@JsonIgnore String source, @JsonInclude(JsonInclude.Include.NON_NULL) Instant startedAt) {

	/** The CloudEvents source of the scans the engine records itself for rolling verification. */
	public static final String ROLLING_SOURCE = "urn:phaseout:rolling";

	public LastScan(String scanId, Instant completedAt, long endpointCount, String source) {
		this(scanId, completedAt, endpointCount, source, null);
	}

	/** Recorded by the engine for an organisation that verifies rolling (scan id {@code rolling-<n>}). */
	@JsonIgnore
	public boolean rolling() {
		return ROLLING_SOURCE.equals(source);
	}

}
