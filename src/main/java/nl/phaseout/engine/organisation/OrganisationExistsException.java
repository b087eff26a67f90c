package nl.phaseout.engine.organisation;

/** An organisation with this id is already registered. */
class OrganisationExistsException extends RuntimeException {

	OrganisationExistsException(String id) {
		super("Organisation '" + id + "' is already registered; it keeps its existing phase-out process.");
	}

}
