package nl.phaseout.engine.inventory;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An organisation's most recent completed inventory scan (by {@code completedAt}, then
 * {@code scanId}): {@code endpointCount} is how many live endpoints the inventory system says it
 * reported as of {@code completedAt}; {@code source} is who reported it. The REST views show the
 * scan's id and moment only.
 */
public record LastScan(String scanId, Instant completedAt, @JsonIgnore long endpointCount,
		@JsonIgnore String source) {
}
