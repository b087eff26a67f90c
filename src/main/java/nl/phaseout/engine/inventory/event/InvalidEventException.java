package nl.phaseout.engine.inventory.event;

/** A record that can never be accepted; the message says why in plain words. */
public class InvalidEventException extends RuntimeException {

	public InvalidEventException(String reason) {
		super(reason, null, false, false);
	}

}
