package nl.phaseout.engine.inventory;

/**
 * The database views through which other modules read the inventory in SQL, where an aggregate
 * over every organisation needs a join (the office's table and figures). They are the inventory's
 * published read model, as its Java API is: the inventory keeps them when it changes its own
 * {@code inv_*} tables, which nobody else reads.
 */
public final class InventoryViews {

	/**
	 * Endpoint counts per organisation and campaign: {@code campaign_id, organisation_id, total, banned,
	 * protected_count, unprotected, stale, retired, exempted}, as {@link EndpointCounts} names them (since 0.3
	 * protected_count and unprotected count fresh endpoints only; total = banned + exempted + stale + protected_count
	 * + unprotected).
	 */
	public static final String COUNTS = "inventory_counts";

	/**
	 * Each organisation's last completed scan, as {@link LastScan} names it: {@code organisation_id,
	 * scan_id, completed_at, endpoint_count, event_source, started_at}; at most one row per organisation.
	 */
	public static final String LAST_SCAN = "inventory_last_scan";

	private InventoryViews() {
	}

}
