package nl.phaseout.engine.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one inventory figure: endpoint counts of an organisation in a campaign (or summed over
 * several), as the contract names them. Banned, stale, protected and unprotected are over live
 * endpoints and add up to {@code total}: banned whatever the age of its observation; stale when
 * not banned and not observed within the campaign's {@code staleAfter} of the organisation's
 * inventory clock; protected and unprotected only when fresh. Retired ones are counted apart.
 */
@JsonPropertyOrder({ "total", "banned", "protected", "unprotected", "stale", "retired" })
public record EndpointCounts(long total, long banned, @JsonProperty("protected") long protectedCount,
		long unprotected, long stale, long retired) {

	public static final EndpointCounts NONE = new EndpointCounts(0, 0, 0, 0, 0, 0);

	/** Counts without stale endpoints (as before 0.3, or where none can be). */
	public EndpointCounts(long total, long banned, long protectedCount, long unprotected, long retired) {
		this(total, banned, protectedCount, unprotected, 0, retired);
	}

	/** No endpoint runs a banned product, none is stale, and every live endpoint is protected. */
	public boolean rolloutComplete() {
		return banned == 0 && stale == 0 && protectedCount == total;
	}

}
