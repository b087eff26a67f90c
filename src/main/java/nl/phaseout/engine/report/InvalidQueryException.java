package nl.phaseout.engine.report;

/** A request parameter the office's views cannot work with; the message says which and why. */
public class InvalidQueryException extends RuntimeException {

	public InvalidQueryException(String message) {
		super(message);
	}

}
