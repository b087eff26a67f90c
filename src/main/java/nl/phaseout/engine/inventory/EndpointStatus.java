package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an endpoint counts as, as the endpoints list names it: one of the three states of a live
 * endpoint, stale (live, not banned, and not observed recently enough: see {@link Freshness}), or
 * retired.
 */
public enum EndpointStatus {

	BANNED, UNPROTECTED, PROTECTED, STALE, RETIRED;

	/** The name used in the API: lower case. */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The status of that API name (any case), if there is one. */
	public static Optional<EndpointStatus> fromApiName(String name) {
		return Arrays.stream(values()).filter(status -> status.apiName().equalsIgnoreCase(name.strip())).findFirst();
	}

	/** The API names, for error messages: {@code banned, unprotected, protected, stale, retired}. */
	public static String apiNames() {
		return Arrays.stream(values()).map(EndpointStatus::apiName).collect(Collectors.joining(", "));
	}

	/** What a row counts as, with observations before {@code threshold} stale (none when it is null). */
	static EndpointStatus of(EndpointRow row, Instant threshold) {
		if (row == null) {
			return null;
		}
		return of(row.retired(), row.state(), row.observedAt(), threshold);
	}

	static EndpointStatus of(boolean retired, EndpointState state, Instant observedAt, Instant threshold) {
		if (retired) {
			return RETIRED;
		}
		if (state != EndpointState.BANNED && Freshness.stale(observedAt, threshold)) {
			return STALE;
		}
		return switch (state) {
			case BANNED -> BANNED;
			case PROTECTED -> PROTECTED;
			case UNPROTECTED -> UNPROTECTED;
		};
	}

}
