package nl.phaseout.engine.process;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import nl.phaseout.engine.inventory.AlternativeSelection;
import nl.phaseout.engine.inventory.ContractTermination;
import nl.phaseout.engine.inventory.EndpointStatus;
import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.InventoryState;
import nl.phaseout.engine.inventory.LastScan;

/** The inventory projection as a test sets it up: one snapshot per organisation. */
public class FakeInventoryState implements InventoryState {

	private final Map<String, InventorySnapshot> snapshots = new HashMap<>();

	private final Map<String, AlternativeSelection> selections = new HashMap<>();

	private final Map<String, List<Endpoint>> named = new HashMap<>();

	private final Map<String, List<ContractTermination>> terminations = new HashMap<>();

	void reset() {
		snapshots.clear();
		named.clear();
		selections.clear();
		terminations.clear();
	}

	void set(String organisationId, InventorySnapshot snapshot) {
		snapshots.put(organisationId, snapshot);
	}

	/**
	 * A completed scan that covers every live endpoint: {@code banned} endpoints still run the banned
	 * product, {@code unprotected} have no antivirus, the rest are protected. The endpoints were last
	 * reported an hour before the scan completed.
	 */
	void scanned(String organisationId, long total, long banned, long unprotected, Instant completedAt) {
		scanned(organisationId, total, banned, unprotected, completedAt.minusSeconds(3600), completedAt, total);
	}

	/** A scan reporting {@code endpointCount} endpoints, the endpoints last changed at {@code inventoryTime}. */
	void scanned(String organisationId, long total, long banned, long unprotected, Instant inventoryTime,
			Instant completedAt, long endpointCount) {
		set(organisationId, new InventorySnapshot(total, banned, total - banned - unprotected, unprotected, 0,
				inventoryTime, new LastScan("scan-" + completedAt.toEpochMilli(), completedAt,
						endpointCount, "urn:test:scanner")));
	}

	void alternativeSelected(String organisationId, String vendor, String product) {
		selections.put(organisationId, new AlternativeSelection(vendor, product, ClockUtil.getCurrentTime().toInstant(),
				"urn:test:procurement", "selection-1"));
	}

	void contractTerminated(String organisationId, String contractId, LocalDate endDate) {
		contractTerminated(organisationId, "Kaspersky", contractId, endDate);
	}

	void contractTerminated(String organisationId, String vendor, String contractId, LocalDate endDate) {
		terminations.computeIfAbsent(organisationId, id -> new ArrayList<>())
			.add(0, new ContractTermination(vendor, contractId, ClockUtil.getCurrentTime().toInstant(), endDate,
					"urn:test:procurement",
					"termination-" + contractId));
	}

	@Override
	public InventorySnapshot snapshot(String campaignId, String organisationId) {
		return snapshots.getOrDefault(organisationId, InventorySnapshot.empty());
	}

	@Override
	public Optional<AlternativeSelection> alternativeSelection(String campaignId, String organisationId) {
		return Optional.ofNullable(selections.get(organisationId));
	}

	@Override
	public List<ContractTermination> contractTerminations(String campaignId, String organisationId) {
		return terminations.getOrDefault(organisationId, List.of());
	}

	/** These endpoints, whatever the state asked for: endpoints as a feed named and described them. */
	void named(String organisationId, Endpoint... endpoints) {
		named.put(organisationId, List.of(endpoints));
	}

	/** As many endpoints as the snapshot counts in that state, named {@code <status>-<n>}. */
	@Override
	public EndpointList endpoints(String campaignId, String organisationId, EndpointStatus status, int limit) {
		if (named.containsKey(organisationId)) {
			return new EndpointList(named.get(organisationId), named.get(organisationId).size());
		}
		InventorySnapshot snapshot = snapshot(campaignId, organisationId);
		long count = switch (status) {
			case BANNED -> snapshot.banned();
			case PROTECTED -> snapshot.protectedCount();
			case UNPROTECTED -> snapshot.unprotected();
			case STALE -> snapshot.stale();
			case EXEMPTED -> snapshot.exempted();
			case RETIRED -> throw new IllegalArgumentException("the process lists live endpoints only");
		};
		List<Endpoint> shown = new ArrayList<>();
		for (int i = 1; i <= Math.min(count, limit); i++) {
			shown.add(new Endpoint(status.name().toLowerCase() + "-" + i, null, snapshot.inventoryTime(),
					"urn:test:scanner"));
		}
		return new EndpointList(shown, count);
	}

}
