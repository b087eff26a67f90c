package nl.phaseout.engine.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one inventory figure: endpoint counts of an organisation in a campaign (or summed over
 * several), as the contract names them. Banned, stale, protected and unprotected are over live
 * endpoints and add up to {@code total}: banned whatever the age of its observation; stale when
 * not banned and not observed within the campaign's {@code staleAfter} of the organisation's
 * inventory clock; protected and unprotected only when fresh; exempted when it runs a banned product
 * under an approved exemption (then it is not banned). Retired ones are counted apart.
 */
@JsonPropertyOrder({ "total", "banned", "exempted", "protected", "unprotected", "stale", "retired" })
public record EndpointCounts(long total, long banned, @JsonProperty("protected") long protectedCount,
		long unprotected, long stale, long retired, long exempted) {

	public static final EndpointCounts NONE = new EndpointCounts(0, 0, 0, 0, 0, 0, 0);

	/** Counts without exempted endpoints (as before exemptions, or where none can be). */
	public EndpointCounts(long total, long banned, long protectedCount, long unprotected, long stale, long retired) {
		this(total, banned, protectedCount, unprotected, stale, retired, 0);
	}

	/** Counts without stale endpoints (as before 0.3, or where none can be). */
	public EndpointCounts(long total, long banned, long protectedCount, long unprotected, long retired) {
		this(total, banned, protectedCount, unprotected, 0, retired);
	}

	/** How many endpoints have this status: live ones in it, or the retired. */
	public long of(EndpointStatus status) {
		return switch (status) {
			case BANNED -> banned;
			case UNPROTECTED -> unprotected;
			case PROTECTED -> protectedCount;
			case STALE -> stale;
			case RETIRED -> retired;
			case EXEMPTED -> exempted;
		};
	}

	/**
	 * No endpoint runs a banned product, none is stale, and every live endpoint is protected: exempted
	 * endpoints keep the rollout open.
	 */
	public boolean rolloutComplete() {
		return rolloutComplete(false);
	}

	/**
	 * As {@link #rolloutComplete()}, with exempted endpoints counting as done when
	 * {@code exemptedMaySignOff} (the campaign's {@code exemptions.allowSignOff}): every live endpoint
	 * is then protected or exempted.
	 */
	public boolean rolloutComplete(boolean exemptedMaySignOff) {
		return banned == 0 && stale == 0 && protectedCount + (exemptedMaySignOff ? exempted : 0) == total;
	}

}
