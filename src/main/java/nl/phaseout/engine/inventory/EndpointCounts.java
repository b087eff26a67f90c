package nl.phaseout.engine.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The one inventory figure: endpoint counts of an organisation in a campaign (or summed over
 * several), as the contract names them. Banned, protected and unprotected are over live
 * endpoints; retired ones are counted apart.
 */
public record EndpointCounts(long total, long banned, @JsonProperty("protected") long protectedCount,
		long unprotected, long retired) {

	public static final EndpointCounts NONE = new EndpointCounts(0, 0, 0, 0, 0);

	/** No endpoint runs a banned product and every live endpoint is protected. */
	public boolean rolloutComplete() {
		return banned == 0 && protectedCount == total;
	}

}
