package nl.phaseout.engine.exemption;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.phaseout.engine.system.SqlTime;

/** The {@code exemption} and {@code exemption_endpoint} tables. */
@Repository
class ExemptionRepository {

	private static final String COLUMNS = "id, campaign_id, organisation_id, reason, until_date, status, requested_by,"
			+ " requested_at, decided_by, decided_at, note, expires_at, expired_at";

	private final JdbcTemplate jdbc;

	ExemptionRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Exemption exemption) {
		jdbc.update("INSERT INTO exemption (id, campaign_id, organisation_id, reason, until_date, status, requested_by,"
				+ " requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", exemption.id(), exemption.campaignId(),
				exemption.organisationId(), exemption.reason(), Date.valueOf(exemption.until()), exemption.status().name(),
				exemption.requestedBy(), SqlTime.timestamp(exemption.requestedAt()));
		jdbc.batchUpdate("INSERT INTO exemption_endpoint (exemption_id, endpoint_id) VALUES (?, ?)",
				exemption.endpointIds().stream().map(endpoint -> new Object[] { exemption.id(), endpoint }).toList());
	}

	void processStarted(String id, String processInstanceId) {
		jdbc.update("UPDATE exemption SET process_instance_id = ? WHERE id = ?", processInstanceId, id);
	}

	Optional<Exemption> byProcessInstance(String processInstanceId) {
		return query(" WHERE process_instance_id = ?", processInstanceId).stream().findFirst();
	}

	/** The organisation's exemptions, the latest request first. */
	List<Exemption> forOrganisation(String organisationId) {
		return query(" WHERE organisation_id = ? ORDER BY requested_at DESC, id", organisationId);
	}

	/** Records the office's decision; only a requested exemption is decided, once. */
	boolean decide(String id, Exemption.Status status, String by, Instant at, String note, Instant expiresAt) {
		return jdbc.update("UPDATE exemption SET status = ?, decided_by = ?, decided_at = ?, note = ?, expires_at = ?"
				+ " WHERE id = ? AND status = 'REQUESTED'", status.name(), by, SqlTime.timestamp(at), note,
				SqlTime.timestamp(expiresAt), id) == 1;
	}

	boolean expire(String id, Instant at) {
		return jdbc.update("UPDATE exemption SET status = 'EXPIRED', expired_at = ? WHERE id = ? AND status = 'APPROVED'",
				SqlTime.timestamp(at), id) == 1;
	}

	/** The endpoints of the organisation in the campaign that an approved exemption other than this one covers. */
	Set<String> approvedElsewhere(String campaignId, String organisationId, String exceptId) {
		return new LinkedHashSet<>(jdbc.queryForList("SELECT e.endpoint_id FROM exemption_endpoint e"
				+ " JOIN exemption x ON x.id = e.exemption_id WHERE x.campaign_id = ? AND x.organisation_id = ?"
				+ " AND x.status = 'APPROVED' AND x.id <> ?", String.class, campaignId, organisationId, exceptId));
	}

	private List<Exemption> query(String where, Object... args) {
		List<Row> rows = jdbc.query("SELECT " + COLUMNS + " FROM exemption" + where, (rs, n) -> row(rs), args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<String, List<String>> endpoints = new HashMap<>();
		List<String> ids = rows.stream().map(row -> row.exemption().id()).toList();
		for (int from = 0; from < ids.size(); from += 500) {
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
			String marks = String.join(", ", chunk.stream().map(id -> "?").toList());
			jdbc.query("SELECT exemption_id, endpoint_id FROM exemption_endpoint WHERE exemption_id IN (" + marks
					+ ") ORDER BY endpoint_id", rs -> {
						endpoints.computeIfAbsent(rs.getString("exemption_id"), id -> new ArrayList<>())
							.add(rs.getString("endpoint_id"));
					}, chunk.toArray());
		}
		return rows.stream().map(row -> row.with(endpoints.getOrDefault(row.exemption().id(), List.of()))).toList();
	}

	private static Row row(ResultSet rs) throws SQLException {
		return new Row(new Exemption(rs.getString("id"), rs.getString("campaign_id"), rs.getString("organisation_id"),
				List.of(), rs.getString("reason"), rs.getDate("until_date").toLocalDate(),
				Exemption.Status.valueOf(rs.getString("status")), rs.getString("requested_by"),
				SqlTime.instant(rs, "requested_at"), rs.getString("decided_by"), SqlTime.instant(rs, "decided_at"),
				rs.getString("note"), SqlTime.instant(rs, "expires_at"), SqlTime.instant(rs, "expired_at")));
	}

	private record Row(Exemption exemption) {

		Exemption with(List<String> endpointIds) {
			Exemption e = exemption;
			return new Exemption(e.id(), e.campaignId(), e.organisationId(), List.copyOf(endpointIds), e.reason(),
					e.until(), e.status(), e.requestedBy(), e.requestedAt(), e.decidedBy(), e.decidedAt(), e.note(),
					e.expiresAt(), e.expiredAt());
		}

	}

}
