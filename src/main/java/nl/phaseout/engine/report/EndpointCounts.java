package nl.phaseout.engine.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Endpoint counts over live endpoints, as the contract names them. */
public record EndpointCounts(long total, long banned, @JsonProperty("protected") long protectedCount,
		long unprotected, long retired) {

	public static final EndpointCounts NONE = new EndpointCounts(0, 0, 0, 0, 0);

}
