package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.system.SqlTime.instant;
import static nl.phaseout.engine.system.SqlTime.timestamp;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import nl.phaseout.engine.inventory.event.InventoryEvent.AlternativeSelected;
import nl.phaseout.engine.inventory.event.InventoryEvent.ContractTerminated;
import nl.phaseout.engine.inventory.event.InventoryEvent.Envelope;
import nl.phaseout.engine.inventory.event.InventoryEvent.ScanCompleted;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.system.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which events were processed (their CloudEvents identity), and the organisation-level facts:
 * completed scans, the selected alternative, contract terminations. Writers hold the
 * organisation's counts lock; a concurrent first insert of the same event id fails on the
 * primary key, rolls the batch back, and the retry sees it as a duplicate.
 */
@Repository
class OrganisationFacts {

	private static final int CHUNK = 500;

	/** {@code inv_alternative_selection.campaign_id} of a selection that names no campaign: it holds for each. */
	private static final String EVERY_CAMPAIGN = "";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final Clock clock;

	/** Each organisation's last scan as the transaction in progress read it under the counts lock. */
	private final HeldForTransaction<Optional<LastScan>> lastScansHeld;

	OrganisationFacts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.lastScansHeld = new HeldForTransaction<>(jdbc.getDataSource());
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.clock = Clock.systemUTC();
	}

	/**
	 * The candidates already processed, looked up by organisation and id: the key's leading columns
	 * (an event's organisation is part of the event, so a repeat has the same one).
	 */
	Set<EventId> processed(Collection<InventoryEvent> candidates) {
		Map<String, List<String>> idsByOrganisation = candidates.stream()
			.collect(Collectors.groupingBy(InventoryEvent::organisationId, TreeMap::new,
					Collectors.mapping(event -> event.envelope().id(), Collectors.toList())));
		Set<EventId> found = new HashSet<>();
		idsByOrganisation.forEach((organisationId, organisationIds) -> {
			List<String> ids = organisationIds.stream().distinct().toList();
			for (int from = 0; from < ids.size(); from += CHUNK) {
				named.query("SELECT source, id FROM inv_processed_event WHERE organisation_id = :organisationId"
						+ " AND id IN (:ids)", new MapSqlParameterSource("organisationId", organisationId)
							.addValue("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))),
						rs -> {
							found.add(new EventId(rs.getString("source"), rs.getString("id")));
						});
			}
		});
		return found;
	}

	void markProcessed(Collection<InventoryEvent> events) {
		var now = timestamp(clock.instant());
		jdbc.batchUpdate("INSERT INTO inv_processed_event (source, id, type, organisation_id, processed_at)"
				+ " VALUES (?, ?, ?, ?, ?)", events.stream()
					.map(e -> new Object[] { e.envelope().source(), e.envelope().id(), e.envelope().type(),
							e.organisationId(), now })
					.toList());
	}

	/** Stores the scan unless its id is known for the organisation; true when stored. */
	boolean addScan(ScanCompleted scan) {
		Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM inv_scan WHERE organisation_id = ? AND scan_id = ?",
				Integer.class, scan.organisationId(), scan.scanId());
		if (known != null && known > 0) {
			return false;
		}
		jdbc.update("INSERT INTO inv_scan (organisation_id, scan_id, completed_at, endpoint_count, event_source,"
				+ " event_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)", scan.organisationId(), scan.scanId(),
				timestamp(scan.completedAt()), scan.endpointCount(), scan.envelope().source(), scan.envelope().id(),
				timestamp(scan.startedAt()));
		lastScansHeld.values().remove(scan.organisationId());
		return true;
	}

	/**
	 * Records a rolling scan ({@code rolling-<n>}, the organisation's n-th) that completed at the given
	 * moment, unless the last scan completed as late or later; true when recorded.
	 */
	boolean addRollingScan(String organisationId, Instant completedAt, long endpointCount) {
		Optional<LastScan> last = lastScanHeld(organisationId);
		if (last.isPresent() && !completedAt.isAfter(last.get().completedAt())) {
			return false;
		}
		Long earlier = jdbc.queryForObject("SELECT COUNT(*) FROM inv_scan WHERE organisation_id = ?"
				+ " AND event_source = ?", Long.class, organisationId, LastScan.ROLLING_SOURCE);
		String scanId = "rolling-" + ((earlier == null ? 0 : earlier) + 1);
		jdbc.update("INSERT INTO inv_scan (organisation_id, scan_id, completed_at, endpoint_count, event_source,"
				+ " event_id) VALUES (?, ?, ?, ?, ?, ?)", organisationId, scanId, timestamp(completedAt), endpointCount,
				LastScan.ROLLING_SOURCE, scanId);
		lastScansHeld.values().remove(organisationId);
		return true;
	}

	/**
	 * {@link #lastScan}, for a caller holding the organisation's counts lock (in some campaign): read
	 * once in the transaction; a scan this transaction adds is seen.
	 */
	Optional<LastScan> lastScanHeld(String organisationId) {
		return lastScansHeld.values().computeIfAbsent(organisationId, this::lastScan);
	}

	/** Those of the organisations with a completed scan (one this transaction added included). */
	Set<String> withScan(Collection<String> organisationIds) {
		List<String> ids = organisationIds.stream().distinct().sorted().toList();
		Set<String> found = new HashSet<>();
		for (int from = 0; from < ids.size(); from += CHUNK) {
			found.addAll(named.queryForList("SELECT DISTINCT organisation_id FROM inv_scan WHERE organisation_id IN"
					+ " (:ids)", new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))),
					String.class));
		}
		return found;
	}

	/**
	 * The organisation's latest scan: by completedAt, and by scan id among scans that completed at once
	 * (the rule is stated once, in the view {@link InventoryViews#LAST_SCAN}).
	 */
	Optional<LastScan> lastScan(String organisationId) {
		return jdbc.query("SELECT scan_id, completed_at, endpoint_count, event_source, started_at FROM "
				+ InventoryViews.LAST_SCAN + " WHERE organisation_id = ?",
				(rs, row) -> new LastScan(rs.getString("scan_id"), instant(rs, "completed_at"),
						rs.getLong("endpoint_count"), rs.getString("event_source"), instant(rs, "started_at")),
				organisationId)
			.stream()
			.findFirst();
	}

	/**
	 * Keeps the organisation's latest selection (by {@code selectedAt}) for the event's campaign, or for
	 * every campaign when it names none; true when this one is it.
	 */
	boolean selectAlternative(AlternativeSelected event) {
		String campaignId = event.campaignId() == null ? EVERY_CAMPAIGN : event.campaignId();
		Optional<AlternativeSelection> current = selections(event.organisationId(), List.of(campaignId)).stream()
			.findFirst();
		if (current.isPresent() && !event.selectedAt().isAfter(current.get().selectedAt())) {
			return false;
		}
		Object[] values = { event.vendor(), event.product(), timestamp(event.selectedAt()), event.envelope().source(),
				event.envelope().id(), event.organisationId(), campaignId };
		if (current.isPresent()) {
			jdbc.update("UPDATE inv_alternative_selection SET vendor = ?, product = ?, selected_at = ?,"
					+ " event_source = ?, event_id = ? WHERE organisation_id = ? AND campaign_id = ?", values);
		}
		else {
			jdbc.update("INSERT INTO inv_alternative_selection (vendor, product, selected_at, event_source, event_id,"
					+ " organisation_id, campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?)", values);
		}
		return true;
	}

	/** The latest selection for the campaign: one made for it, or for every campaign, whichever is later. */
	Optional<AlternativeSelection> alternativeSelection(String campaignId, String organisationId) {
		return selections(organisationId, List.of(EVERY_CAMPAIGN, campaignId)).stream().findFirst();
	}

	/** The organisation's selections for these campaign keys, the latest first. */
	private List<AlternativeSelection> selections(String organisationId, List<String> campaignKeys) {
		return named.query("SELECT vendor, product, selected_at, event_source, event_id FROM inv_alternative_selection"
				+ " WHERE organisation_id = :organisationId AND campaign_id IN (:campaigns)"
				+ " ORDER BY selected_at DESC, campaign_id DESC",
				new MapSqlParameterSource("organisationId", organisationId).addValue("campaigns", campaignKeys),
				(rs, row) -> new AlternativeSelection(rs.getString("vendor"), rs.getString("product"),
						instant(rs, "selected_at"), rs.getString("event_source"), rs.getString("event_id")));
	}

	/** Keeps the latest termination per contract (by {@code terminatedAt}); true when this one is it. */
	boolean terminateContract(ContractTerminated event) {
		List<Instant> current = jdbc.query("SELECT terminated_at FROM inv_contract_termination"
				+ " WHERE organisation_id = ? AND contract_id = ?", (rs, row) -> instant(rs, "terminated_at"),
				event.organisationId(), event.contractId());
		if (!current.isEmpty() && !event.terminatedAt().isAfter(current.get(0))) {
			return false;
		}
		Object[] values = { event.vendor(), timestamp(event.terminatedAt()), event.endDate(), event.envelope().source(),
				event.envelope().id(), event.organisationId(), event.contractId() };
		if (current.isEmpty()) {
			jdbc.update("INSERT INTO inv_contract_termination (vendor, terminated_at, end_date, event_source, event_id,"
					+ " organisation_id, contract_id) VALUES (?, ?, ?, ?, ?, ?, ?)", values);
		}
		else {
			jdbc.update("UPDATE inv_contract_termination SET vendor = ?, terminated_at = ?, end_date = ?,"
					+ " event_source = ?, event_id = ? WHERE organisation_id = ? AND contract_id = ?", values);
		}
		return true;
	}

	/** The organisation's contract terminations, the latest first. */
	List<ContractTermination> contractTerminations(String organisationId) {
		return jdbc.query("SELECT vendor, contract_id, terminated_at, end_date, event_source, event_id"
				+ " FROM inv_contract_termination WHERE organisation_id = ? ORDER BY terminated_at DESC, contract_id",
				(rs, row) -> new ContractTermination(rs.getString("vendor"), rs.getString("contract_id"),
						instant(rs, "terminated_at"), rs.getObject("end_date", LocalDate.class),
						rs.getString("event_source"), rs.getString("event_id")),
				organisationId);
	}

}
