package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an endpoint counts as, as the endpoints list names it: one of the three states of a live
 * endpoint, stale (live, not banned, and not observed recently enough: see {@link Freshness}),
 * exempted (live, running a banned product under an approved exemption: not banned), or retired.
 */
public enum EndpointStatus {

	BANNED, UNPROTECTED, PROTECTED, STALE, RETIRED, EXEMPTED;

	/** The name used in the API: lower case. */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The status of that API name (any case), if there is one. */
	public static Optional<EndpointStatus> fromApiName(String name) {
		return Arrays.stream(values()).filter(status -> status.apiName().equalsIgnoreCase(name.strip())).findFirst();
	}

	/** The API names, for error messages: {@code banned, unprotected, protected, stale, retired, exempted}. */
	public static String apiNames() {
		return Arrays.stream(values()).map(EndpointStatus::apiName).collect(Collectors.joining(", "));
	}

	/** What a row counts as, with observations before {@code threshold} stale (none when it is null). */
	static EndpointStatus of(EndpointRow row, Instant threshold) {
		if (row == null) {
			return null;
		}
		return of(row.retired(), row.state(), row.observedAt(), threshold, row.exempted());
	}

	static EndpointStatus of(boolean retired, EndpointState state, Instant observedAt, Instant threshold) {
		return of(retired, state, observedAt, threshold, false);
	}

	/**
	 * An exempted endpoint counts as such only while it runs a banned product (whatever the age of its
	 * observation, as a banned one); observed without one, it is what it runs.
	 */
	static EndpointStatus of(boolean retired, EndpointState state, Instant observedAt, Instant threshold,
			boolean exempted) {
		if (retired) {
			return RETIRED;
		}
		if (state == EndpointState.BANNED && exempted) {
			return EXEMPTED;
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
