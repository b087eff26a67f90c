package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.system.SqlTime.instant;
import static nl.phaseout.engine.system.SqlTime.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import nl.phaseout.engine.inventory.InventoryState.Endpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.util.function.SingletonSupplier;

/**
 * Endpoint rows. Callers hold the organisation's counts lock, so a row read here cannot be
 * changed by another consumer before it is written back: plain insert or update is safe.
 */
@Repository
class EndpointRepository {

	private static final int CHUNK = 500;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final Supplier<SqlDialect> dialect;

	EndpointRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.dialect = SingletonSupplier.of(() -> SqlDialect.detect(jdbc));
	}

	/** Every row of the organisation in the campaign, live and retired. */
	List<EndpointRow> all(String campaignId, String organisationId) {
		return jdbc.query("SELECT campaign_id, organisation_id, endpoint_id, observed_at, retired_at, state,"
				+ " banned_products, last_event_source, last_event_id, products FROM inv_endpoint"
				+ " WHERE campaign_id = ? AND organisation_id = ?", (rs, n) -> row(rs), campaignId, organisationId);
	}

	Map<String, EndpointRow> find(String campaignId, String organisationId, Collection<String> endpointIds) {
		List<String> ids = endpointIds.stream().distinct().toList();
		Map<String, EndpointRow> rows = new HashMap<>();
		boolean h2 = dialect.get() == SqlDialect.H2;
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			var params = new MapSqlParameterSource("campaignId", campaignId).addValue("organisationId", organisationId)
				.addValue("endpointIds", chunk);
			// H2 looks up an IN list on the key's third column by scanning the organisation's every row, which
			// for an organisation of 50,000 endpoints made each batch read them all ten times over; it finds
			// whole keys (row values) by the index, as PostgreSQL does the plain form.
			String where = h2 ? "(campaign_id, organisation_id, endpoint_id) IN (:keys)"
					: "campaign_id = :campaignId AND organisation_id = :organisationId AND endpoint_id IN (:endpointIds)";
			if (h2) {
				params.addValue("keys",
						chunk.stream().map(id -> new Object[] { campaignId, organisationId, id }).toList());
			}
			named.query("SELECT campaign_id, organisation_id, endpoint_id, observed_at, retired_at, state,"
					+ " banned_products, last_event_source, last_event_id, products FROM inv_endpoint WHERE " + where,
					params, rs -> {
						EndpointRow row = row(rs);
						rows.put(row.endpointId(), row);
					});
		}
		return rows;
	}

	void insert(Collection<EndpointRow> rows) {
		jdbc.batchUpdate("INSERT INTO inv_endpoint (observed_at, retired_at, retired, state, banned_products,"
				+ " last_event_source, last_event_id, products, campaign_id, organisation_id, endpoint_id)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				rows.stream().map(EndpointRepository::values).toList());
	}

	void update(Collection<EndpointRow> rows) {
		jdbc.batchUpdate("UPDATE inv_endpoint SET observed_at = ?, retired_at = ?, retired = ?, state = ?,"
				+ " banned_products = ?, last_event_source = ?, last_event_id = ?, products = ?"
				+ " WHERE campaign_id = ? AND organisation_id = ? AND endpoint_id = ?",
				rows.stream().map(EndpointRepository::values).toList());
	}

	private static Object[] values(EndpointRow row) {
		return new Object[] { timestamp(row.observedAt()), timestamp(row.retiredAt()), row.retired(),
				row.state() == null ? null : row.state().name(), row.bannedProducts(),
				row.lastEvent() == null ? null : row.lastEvent().source(),
				row.lastEvent() == null ? null : row.lastEvent().id(), row.products(), row.campaignId(),
				row.organisationId(),
				row.endpointId() };
	}

	private static EndpointRow row(ResultSet rs) throws SQLException {
		String state = rs.getString("state");
		String lastEventId = rs.getString("last_event_id");
		return new EndpointRow(rs.getString("campaign_id"), rs.getString("organisation_id"),
				rs.getString("endpoint_id"), instant(rs, "observed_at"), instant(rs, "retired_at"),
				state == null ? null : EndpointState.valueOf(state), rs.getString("banned_products"),
				lastEventId == null ? null : new EventId(rs.getString("last_event_source"), lastEventId),
				rs.getString("products"));
	}

}
