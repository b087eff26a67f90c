package nl.phaseout.engine.inventory;

/**
 * What inventory changes tell the process: once per organisation and kind of change in a
 * round of the {@link ProcessSignalWorker}, in its transaction (never once per event). Wired
 * to the process package's {@code PhaseoutProcess}.
 */
public interface Advancement {

	/** A condition the process may wait for changed: a scan completed, rollout completeness, a gap, banned. */
	void inventoryChanged(String organisationId);

	void alternativeSelected(String organisationId);

	void contractTerminated(String organisationId);

	/** A banned product was seen again for an organisation that had phased out. */
	void regression(String campaignId, String organisationId);

}
