package nl.phaseout.engine.inventory;

/** A record that can never be accepted; the message says why in plain words. */
class InvalidEventException extends RuntimeException {

	InvalidEventException(String reason) {
		super(reason, null, false, false);
	}

}
