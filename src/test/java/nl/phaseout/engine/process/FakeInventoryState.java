package nl.phaseout.engine.process;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The inventory projection as a test sets it up: one snapshot per organisation. */
public class FakeInventoryState implements InventoryState {

	private final Map<String, InventorySnapshot> snapshots = new HashMap<>();

	private final Map<String, AlternativeSelection> selections = new HashMap<>();

	private final Map<String, ContractTermination> terminations = new HashMap<>();

	void reset() {
		snapshots.clear();
		selections.clear();
		terminations.clear();
	}

	void set(String organisationId, InventorySnapshot snapshot) {
		snapshots.put(organisationId, snapshot);
	}

	/** A completed scan: {@code banned} endpoints still run the banned product, the rest are protected. */
	void scanned(String organisationId, long total, long banned, long unprotected, Instant completedAt) {
		set(organisationId, new InventorySnapshot(total, banned, total - banned - unprotected, unprotected, 0,
				"scan-" + completedAt.toEpochMilli(), completedAt));
	}

	void alternativeSelected(String organisationId, String vendor, String product) {
		selections.put(organisationId, new AlternativeSelection(vendor, product, Instant.now()));
	}

	void contractTerminated(String organisationId, String contractId, LocalDate endDate) {
		terminations.put(organisationId, new ContractTermination("Kaspersky", contractId, Instant.now(), endDate));
	}

	@Override
	public InventorySnapshot snapshot(String campaignId, String organisationId) {
		return snapshots.getOrDefault(organisationId, InventorySnapshot.empty());
	}

	@Override
	public Optional<AlternativeSelection> alternativeSelection(String organisationId) {
		return Optional.ofNullable(selections.get(organisationId));
	}

	@Override
	public Optional<ContractTermination> contractTermination(String organisationId) {
		return Optional.ofNullable(terminations.get(organisationId));
	}

}
