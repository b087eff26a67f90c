package nl.phaseout.engine.inventory;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * The process's view of the projection. Every call locks the organisation's counts row in the
 * campaign (creating it when absent) for the caller's transaction, the same lock ingestion takes,
 * so a process check and an ingestion batch for one organisation never interleave: an event that
 * lands while the process decides is either seen by the decision or signalled after it. Call it
 * inside a transaction (the engine's), or the lock ends with the statement.
 */
@Component
class JdbcInventoryState implements InventoryState {

	private final CountsRepository counts;

	private final OrganisationFacts organisationFacts;

	private final EndpointListing listing;

	private final RollingVerification rolling;

	private final CampaignProjections projections;

	/**
	 * Whether the campaign is still adopting the organisation and whether it verifies rolling, as the
	 * transaction in progress first read them under the organisation's lock: the process asks for the
	 * snapshot at every condition, listener and delegate of a step (five times an advancement), and neither
	 * changes in a transaction that holds the lock (adoption takes it; the verification is the register's,
	 * read once a transaction as the counts are).
	 */
	private final HeldForTransaction<Standing> standings;

	private record Standing(boolean adopting, boolean rolling) {
	}

	JdbcInventoryState(CountsRepository counts, OrganisationFacts organisationFacts, EndpointListing listing,
			RollingVerification rolling, CampaignProjections projections, DataSource dataSource) {
		this.standings = new HeldForTransaction<>(dataSource);
		this.counts = counts;
		this.organisationFacts = organisationFacts;
		this.listing = listing;
		this.rolling = rolling;
		this.projections = projections;
	}

	@Override
	public InventorySnapshot snapshot(String campaignId, String organisationId) {
		return snapshot(campaignId, organisationId, true);
	}

	/**
	 * The organisation's figure in the campaign, for the process ({@code lock}: its counts row
	 * locked, created when absent) and for the views (nothing locked, nothing written): one read,
	 * so both name the same counts and the same last scan. While the campaign has not adopted the
	 * organisation's stored endpoints yet ({@link CampaignAdoption}), the process sees no baseline: its
	 * counts there are not the organisation's yet.
	 */
	InventorySnapshot snapshot(String campaignId, String organisationId, boolean lock) {
		CountsRow row = lock ? counts.lock(campaignId, organisationId)
				: counts.find(campaignId, organisationId).orElse(CountsRow.ZERO);
		// the views lock nothing and read it as it is now; they ask nothing of the adoption
		Standing standing = lock ? standings.values()
			.computeIfAbsent(HeldForTransaction.key(campaignId, organisationId),
					key -> new Standing(projections.adopting(campaignId, organisationId),
							rolling.rolling(organisationId)))
				: new Standing(false, rolling.rolling(organisationId));
		if (standing.adopting()) {
			return new InventorySnapshot(row.counts(), row.inventoryTime(), null, false, 0);
		}
		LastScan scan = (lock ? organisationFacts.lastScanHeld(organisationId)
				: organisationFacts.lastScan(organisationId)).orElse(null);
		long uncovered = scan == null || scan.startedAt() == null ? 0
				: listing.uncovered(campaignId, organisationId, scan, 0).total();
		return new InventorySnapshot(row.counts(), row.inventoryTime(), scan, standing.rolling(), uncovered);
	}

	@Override
	public EndpointList uncovered(String campaignId, String organisationId, int limit) {
		counts.lock(campaignId, organisationId);
		return listing.uncovered(campaignId, organisationId, organisationFacts.lastScanHeld(organisationId).orElse(null),
				limit);
	}

	@Override
	public Optional<AlternativeSelection> alternativeSelection(String campaignId, String organisationId) {
		counts.lock(campaignId, organisationId);
		return organisationFacts.alternativeSelection(campaignId, organisationId);
	}

	@Override
	public List<ContractTermination> contractTerminations(String campaignId, String organisationId) {
		counts.lock(campaignId, organisationId);
		return organisationFacts.contractTerminations(organisationId);
	}

	@Override
	public EndpointList endpoints(String campaignId, String organisationId, EndpointStatus status, int limit) {
		return listing.live(campaignId, organisationId, status, counts.lock(campaignId, organisationId), limit);
	}

}
