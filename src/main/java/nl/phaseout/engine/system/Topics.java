package nl.phaseout.engine.system;

/** The Kafka topics of the public contract. */
public final class Topics {

	public static final String INVENTORY = "phaseout.inventory";

	public static final String INVENTORY_DLT = "phaseout.inventory.dlt";

	public static final String STATUS = "phaseout.status";

	private Topics() {
	}

}
