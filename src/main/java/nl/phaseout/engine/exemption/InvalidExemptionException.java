package nl.phaseout.engine.exemption;

/**
 * A request for an exemption that cannot be accepted, with what was wrong in words a person can act on;
 * {@code conflict}: the request is sound but the campaign does not take it (409 rather than 400).
 */
public class InvalidExemptionException extends RuntimeException {

	private final boolean conflict;

	InvalidExemptionException(String detail) {
		this(detail, false);
	}

	InvalidExemptionException(String detail, boolean conflict) {
		super(detail);
		this.conflict = conflict;
	}

	public boolean conflict() {
		return conflict;
	}

}
