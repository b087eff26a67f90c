package nl.phaseout.engine.organisation;

import java.util.List;

/** A registration request that cannot be accepted as it is. */
class InvalidRegistrationException extends RuntimeException {

	private final List<String> problems;

	InvalidRegistrationException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return problems;
	}

}
