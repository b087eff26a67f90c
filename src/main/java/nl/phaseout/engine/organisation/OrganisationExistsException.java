package nl.phaseout.engine.organisation;

/** An organisation with this id, in any case, is already registered. */
class OrganisationExistsException extends RuntimeException {

	private final String alias;

	OrganisationExistsException(String id, String registered) {
		super("Organisation '" + id + "' is already registered" + alias(id, registered)
				+ "; it keeps its existing phase-out process.");
		this.alias = alias(id, registered);
	}

	/** Empty, or how the id is registered when it differs in case: " as 'MIN-JENV' (...)". */
	String alias() {
		return alias;
	}

	private static String alias(String id, String registered) {
		return id.equals(registered) ? ""
				: " as '" + registered + "' (ids are the same regardless of case)";
	}

}
