package nl.phaseout.engine.process;

import java.util.Arrays;
import java.util.List;

/**
 * Organisation categories of the contract; the applicability decision reads them (the process's
 * {@code category} variable). Here, next to {@link Phase}, so that every module can list them:
 * registration, the reports' filters and the office's pages.
 */
public enum Category {

	CENTRAL_GOVERNMENT, VITAL_PROVIDER, SECURITY_SUPPLIER, PROVINCE, MUNICIPALITY, OTHER;

	/** The names, in this order. */
	public static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

	public static boolean isValid(String name) {
		return NAMES.contains(name);
	}

}
