package nl.phaseout.engine.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an endpoint counts as, as the endpoints list names it: one of the three states of a live
 * endpoint, or retired.
 */
public enum EndpointStatus {

	BANNED, UNPROTECTED, PROTECTED, RETIRED;

	/** The name used in the API: lower case. */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The status of that API name (any case), if there is one. */
	public static Optional<EndpointStatus> fromApiName(String name) {
		return Arrays.stream(values()).filter(status -> status.apiName().equalsIgnoreCase(name.strip())).findFirst();
	}

	/** The API names, for error messages: {@code banned, unprotected, protected, retired}. */
	public static String apiNames() {
		return Arrays.stream(values()).map(EndpointStatus::apiName).collect(Collectors.joining(", "));
	}

	static EndpointStatus of(boolean retired, EndpointState state) {
		if (retired) {
			return RETIRED;
		}
		return switch (state) {
			case BANNED -> BANNED;
			case PROTECTED -> PROTECTED;
			case UNPROTECTED -> UNPROTECTED;
		};
	}

}
