package nl.phaseout.engine.campaign;

import java.util.Arrays;
import java.util.List;

/**
 * Organisation categories of the contract: a campaign says per category whether its organisations
 * must, should or need not act, and the applicability decision reads them (the process's
 * {@code category} variable). Kept with the campaigns, below every module that lists them:
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
