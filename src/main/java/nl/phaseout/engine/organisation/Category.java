package nl.phaseout.engine.organisation;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Organisation categories of the contract; the applicability decision reads them. */
public enum Category {

	CENTRAL_GOVERNMENT, VITAL_PROVIDER, SECURITY_SUPPLIER, PROVINCE, MUNICIPALITY, OTHER;

	static final String NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

	static boolean isValid(String name) {
		return Arrays.stream(values()).anyMatch(category -> category.name().equals(name));
	}

}
