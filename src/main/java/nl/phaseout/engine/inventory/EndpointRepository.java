package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.system.SqlTime.instant;
import static nl.phaseout.engine.system.SqlTime.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
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
				+ " banned_products, last_event_source, last_event_id, products, exempted FROM inv_endpoint"
				+ " WHERE campaign_id = ? AND organisation_id = ?", (rs, n) -> row(rs), campaignId, organisationId);
	}

	/**
	 * Up to {@code limit} rows of the organisation in the campaign after the endpoint id {@code after}
	 * (in the database's order; "" for the first), by the key's index: a page of a walk through an
	 * organisation of any size.
	 */
	List<EndpointRow> page(String campaignId, String organisationId, String after, int limit) {
		return jdbc.query("SELECT campaign_id, organisation_id, endpoint_id, observed_at, retired_at, state,"
				+ " banned_products, last_event_source, last_event_id, products, exempted FROM inv_endpoint"
				+ " WHERE campaign_id = ? AND organisation_id = ? AND endpoint_id > ? ORDER BY endpoint_id"
				+ " FETCH FIRST " + limit + " ROWS ONLY", (rs, n) -> row(rs), campaignId, organisationId, after);
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
					+ " banned_products, last_event_source, last_event_id, products, exempted FROM inv_endpoint WHERE "
					+ where,
					params, rs -> {
						EndpointRow row = row(rs);
						rows.put(row.endpointId(), row);
					});
		}
		return rows;
	}

	/**
	 * The live endpoints without a banned product last observed from {@code from} (inclusive; any time
	 * when null) until {@code to} (exclusive), counted by state: those an organisation's clock moving
	 * from {@code from + staleAfter} to {@code to + staleAfter} makes stale. A range on the index
	 * (campaign, organisation, observed_at): only the endpoints that cross the threshold are read.
	 */
	Map<EndpointState, Long> freshUntil(String campaignId, String organisationId, Instant from, Instant to) {
		Map<EndpointState, Long> found = new EnumMap<>(EndpointState.class);
		List<Object> params = new java.util.ArrayList<>(List.of(campaignId, organisationId, timestamp(to)));
		if (from != null) {
			params.add(timestamp(from));
		}
		jdbc.query("SELECT state, COUNT(*) AS n FROM inv_endpoint WHERE campaign_id = ? AND organisation_id = ?"
				+ " AND observed_at < ?" + (from == null ? "" : " AND observed_at >= ?")
				+ " AND retired = FALSE AND state <> 'BANNED' GROUP BY state", rs -> {
					found.put(EndpointState.valueOf(rs.getString("state")), rs.getLong("n"));
				}, params.toArray());
		return found;
	}

	/** The organisation's latest observation in the campaign (the top of the observed_at index), or null. */
	Instant latestObservation(String campaignId, String organisationId) {
		return jdbc.query("SELECT MAX(observed_at) AS latest FROM inv_endpoint WHERE campaign_id = ?"
				+ " AND organisation_id = ?", rs -> rs.next() ? instant(rs, "latest") : null, campaignId,
				organisationId);
	}

	/**
	 * The organisation's endpoints in the campaign counted from their rows, with observations before
	 * {@code threshold} stale (none when null): one aggregate, for a count made afresh.
	 */
	EndpointCounts tally(String campaignId, String organisationId, Instant threshold) {
		String old = threshold == null ? "0" : "CASE WHEN observed_at < ? THEN 1 ELSE 0 END";
		List<Object> params = new java.util.ArrayList<>();
		if (threshold != null) {
			params.add(timestamp(threshold));
		}
		params.add(campaignId);
		params.add(organisationId);
		long[] c = new long[EndpointStatus.values().length];
		jdbc.query("SELECT retired, state, exempted, old, COUNT(*) AS n FROM (SELECT retired, state, exempted, " + old
				+ " AS old FROM inv_endpoint WHERE campaign_id = ? AND organisation_id = ?) e"
				+ " GROUP BY retired, state, exempted, old", rs -> {
					String state = rs.getString("state");
					EndpointStatus status = rs.getBoolean("retired") ? EndpointStatus.RETIRED
							: "BANNED".equals(state) && rs.getBoolean("exempted") ? EndpointStatus.EXEMPTED
									: rs.getInt("old") == 1 && !"BANNED".equals(state) ? EndpointStatus.STALE
											: EndpointStatus.valueOf(state);
					c[status.ordinal()] += rs.getLong("n");
				}, params.toArray());
		long banned = c[EndpointStatus.BANNED.ordinal()];
		long stale = c[EndpointStatus.STALE.ordinal()];
		long protectedCount = c[EndpointStatus.PROTECTED.ordinal()];
		long unprotected = c[EndpointStatus.UNPROTECTED.ordinal()];
		long exempted = c[EndpointStatus.EXEMPTED.ordinal()];
		return new EndpointCounts(banned + exempted + stale + protectedCount + unprotected, banned, protectedCount,
				unprotected, stale, c[EndpointStatus.RETIRED.ordinal()], exempted);
	}

	/** Whether a live endpoint was last observed at or before {@code moment} (not observed since). */
	boolean liveObservedBy(String campaignId, String organisationId, Instant moment) {
		return !jdbc.queryForList("SELECT endpoint_id FROM inv_endpoint WHERE campaign_id = ? AND organisation_id = ?"
				+ " AND observed_at <= ? AND retired = FALSE FETCH FIRST 1 ROWS ONLY", String.class, campaignId,
				organisationId, timestamp(moment)).isEmpty();
	}

	/** The latest observation of a live endpoint of the organisation, or null. */
	Instant latestLiveObservation(String campaignId, String organisationId) {
		return jdbc.query("SELECT MAX(observed_at) AS latest FROM inv_endpoint WHERE campaign_id = ?"
				+ " AND organisation_id = ? AND retired = FALSE", rs -> rs.next() ? instant(rs, "latest") : null,
				campaignId, organisationId);
	}

	void insert(Collection<EndpointRow> rows) {
		jdbc.batchUpdate("INSERT INTO inv_endpoint (observed_at, retired_at, retired, state, banned_products,"
				+ " last_event_source, last_event_id, products, exempted, campaign_id, organisation_id, endpoint_id)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				rows.stream().map(EndpointRepository::values).toList());
	}

	void update(Collection<EndpointRow> rows) {
		jdbc.batchUpdate("UPDATE inv_endpoint SET observed_at = ?, retired_at = ?, retired = ?, state = ?,"
				+ " banned_products = ?, last_event_source = ?, last_event_id = ?, products = ?, exempted = ?"
				+ " WHERE campaign_id = ? AND organisation_id = ? AND endpoint_id = ?",
				rows.stream().map(EndpointRepository::values).toList());
	}

	private static Object[] values(EndpointRow row) {
		return new Object[] { timestamp(row.observedAt()), timestamp(row.retiredAt()), row.retired(),
				row.state() == null ? null : row.state().name(), row.bannedProducts(),
				row.lastEvent() == null ? null : row.lastEvent().source(),
				row.lastEvent() == null ? null : row.lastEvent().id(), row.products(), row.exempted(), row.campaignId(),
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
				rs.getString("products"), rs.getBoolean("exempted"));
	}

}
