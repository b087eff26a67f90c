package nl.phaseout.engine.system;

/** The Kafka topics of the public contract. */
public final class Topics {

	public static final String INVENTORY = "phaseout.inventory";

	public static final String INVENTORY_DLT = "phaseout.inventory.dlt";

	/**
	 * The manual uploads, which only the engine writes: a source {@code urn:phaseout:manual:*} is
	 * accepted from this topic alone.
	 */
	public static final String INVENTORY_MANUAL = "phaseout.inventory.manual";

	public static final String STATUS = "phaseout.status";

	private Topics() {
	}

}
