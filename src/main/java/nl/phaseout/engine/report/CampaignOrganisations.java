package nl.phaseout.engine.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import nl.phaseout.engine.inventory.EndpointCounts;
import nl.phaseout.engine.inventory.InventoryViews;
import nl.phaseout.engine.inventory.LastScan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The programme office's table of organisations in a campaign: filtered, sorted and paged by the
 * database, so a page of 50 reads 50 rows' details however many organisations there are. The
 * last scan and the applicability are looked up for the rows of the page only.
 */
@Repository
public class CampaignOrganisations {

	private static final String LAST_SCAN_AT = "(SELECT s.completed_at FROM " + InventoryViews.LAST_SCAN + " s "
			+ "WHERE s.organisation_id = p.organisation_id)";

	private static final String OVERDUE_COUNT = Stream.of(Milestones.NAMES)
		.map(name -> "CASE WHEN " + Milestones.overdueSql(name) + " THEN 1 ELSE 0 END")
		.collect(Collectors.joining(" + ", "(", ")"));

	private static final String FROM = " FROM participation p"
			+ " LEFT JOIN " + InventoryViews.COUNTS + " c ON c.campaign_id = p.campaign_id AND c.organisation_id = p.organisation_id";

	private static final String COLUMNS = "p.organisation_id, p.organisation_name AS name, p.category, p.pm_group, p.phase, "
			+ "p.applicability AS decided_applicability, "
			+ "p.phase_changed_at, p.process_instance_id, COALESCE(c.total, 0) AS total, COALESCE(c.banned, 0) AS banned, "
			+ "COALESCE(c.protected_count, 0) AS protected_count, COALESCE(c.unprotected, 0) AS unprotected, "
			+ "COALESCE(c.stale, 0) AS stale, COALESCE(c.retired, 0) AS retired, COALESCE(c.exempted, 0) AS exempted, "
			+ Stream.of(Milestones.NAMES)
				.map(name -> "CASE WHEN " + Milestones.overdueSql(name) + " THEN p." + Milestones.ALL.get(name).column()
						+ " END AS overdue_" + Milestones.ALL.get(name).column())
				.collect(Collectors.joining(", "));

	/**
	 * Looked up per row of the page, outside the sort: the last scan, as the inventory names it; and the
	 * applicability as the participation keeps it (not from Camunda's history, which its cleanup empties).
	 */
	private static final String DETAILS = "s.scan_id AS last_scan_id, s.completed_at AS last_scan_at, "
			+ "s.endpoint_count AS last_scan_endpoints, s.event_source AS last_scan_source, "
			+ "x.decided_applicability AS applicability";

	private static final String DETAILS_FROM = " LEFT JOIN " + InventoryViews.LAST_SCAN
			+ " s ON s.organisation_id = x.organisation_id";

	/** What stands for the details where they are not needed (a status report's overdue list). */
	private static final String NO_DETAILS = "CAST(NULL AS VARCHAR(200)) AS last_scan_id, "
			+ "CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_scan_at, CAST(NULL AS BIGINT) AS last_scan_endpoints, "
			+ "CAST(NULL AS VARCHAR(500)) AS last_scan_source, CAST(NULL AS VARCHAR(100)) AS applicability";

	private final NamedParameterJdbcTemplate jdbc;

	CampaignOrganisations(JdbcTemplate jdbc) {
		this.jdbc = new NamedParameterJdbcTemplate(jdbc);
	}

	/** One page of the table, and how many rows the filters let through in all. */
	public Page page(String campaignId, OrganisationQuery query, Scope scope, Instant now) {
		MapSqlParameterSource params = params(campaignId, query, scope, now);
		String where = where(query, scope);
		Long total = jdbc.queryForObject("SELECT COUNT(*)" + FROM + where, params, Long.class);
		params.addValue("offset", (long) query.page() * query.size()).addValue("size", query.size());
		List<OrganisationRow> rows = jdbc.query(select(query, where, true, true), params, (rs, n) -> row(rs, now));
		return new Page(campaignId, query.page(), query.size(), total == null ? 0 : total, query.sort(), rows);
	}

	/**
	 * Every row the filters let through, in order, one at a time (for the CSV); without
	 * {@code details} the rows have no last scan and no applicability.
	 */
	public void forEach(String campaignId, OrganisationQuery query, Scope scope, Instant now, boolean details,
			Consumer<OrganisationRow> consumer) {
		String where = where(query, scope);
		RowCallbackHandler each = rs -> consumer.accept(row(rs, now));
		jdbc.query(select(query, where, false, details), params(campaignId, query, scope, now), each);
	}

	/** One organisation's row, if it takes part in the campaign and the reader may see it. */
	public Optional<OrganisationRow> find(String campaignId, String organisationId, Scope scope, Instant now) {
		MapSqlParameterSource params = params(campaignId, OrganisationQuery.FIRST_PAGE, scope, now)
			.addValue("organisationId", organisationId);
		String where = where(OrganisationQuery.FIRST_PAGE, scope) + " AND p.organisation_id = :organisationId";
		return jdbc.query(select(OrganisationQuery.FIRST_PAGE, where, false, true), params, (rs, n) -> row(rs, now))
			.stream()
			.findFirst();
	}

	private static String select(OrganisationQuery query, String where, boolean paged, boolean details) {
		String key = OrganisationQuery.SORTS.get(query.sortKey())
			.replace("LAST_SCAN", LAST_SCAN_AT)
			.replace("OVERDUE_COUNT", OVERDUE_COUNT);
		// Days in phase grow as phase_changed_at goes back in time.
		boolean descending = query.descending() != query.sortKey().equals("daysInPhase");
		String direction = descending ? " DESC NULLS LAST" : " ASC NULLS LAST";
		String inner = "SELECT " + COLUMNS + ", " + key + " AS sort_key" + FROM + where + " ORDER BY sort_key"
				+ direction + ", p.organisation_id" + (paged ? " OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY" : "");
		return "SELECT x.*, " + (details ? DETAILS : NO_DETAILS) + " FROM (" + inner + ") x"
				+ (details ? DETAILS_FROM : "") + " ORDER BY x.sort_key" + direction + ", x.organisation_id";
	}

	private static String where(OrganisationQuery query, Scope scope) {
		StringBuilder where = new StringBuilder(" WHERE p.campaign_id = :campaignId");
		if (query.phase() != null) {
			where.append(" AND p.phase = :phase");
		}
		if (query.category() != null) {
			where.append(" AND p.category = :category");
		}
		if (query.overdue() != null) {
			where.append(query.overdue() ? " AND " : " AND NOT ").append(Milestones.anyOverdueSql());
		}
		if (query.endpoints() != null) {
			// the organisations behind the campaign's endpoint figures: in scope, with such an endpoint
			where.append(" AND ").append(CampaignFigures.IN_SCOPE).append(" AND ")
				.append(OrganisationQuery.ENDPOINTS.get(query.endpoints())).append(" > 0");
		}
		if (query.text() != null) {
			where.append(" AND (LOWER(p.organisation_id) LIKE :text ESCAPE '\\' OR LOWER(p.organisation_name) LIKE :text ESCAPE '\\')");
		}
		if (!scope.isAll()) {
			where.append(scope.pmGroups().isEmpty() ? " AND 1 = 0" : " AND p.pm_group IN (:groups)");
		}
		return where.toString();
	}

	private static MapSqlParameterSource params(String campaignId, OrganisationQuery query, Scope scope, Instant now) {
		MapSqlParameterSource params = new MapSqlParameterSource("campaignId", campaignId)
			.addValue("now", Timestamp.from(now))
			.addValue("phase", query.phase())
			.addValue("category", query.category());
		if (query.text() != null) {
			String escaped = query.text().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_",
					"\\_");
			params.addValue("text", "%" + escaped + "%");
		}
		if (!scope.isAll() && !scope.pmGroups().isEmpty()) {
			params.addValue("groups", scope.pmGroups());
		}
		return params;
	}

	private static OrganisationRow row(ResultSet rs, Instant now) throws SQLException {
		Instant phaseSince = rs.getTimestamp("phase_changed_at").toInstant();
		List<OrganisationRow.OverdueMilestone> overdue = new ArrayList<>();
		for (String name : Milestones.NAMES) {
			Timestamp due = rs.getTimestamp("overdue_" + Milestones.ALL.get(name).column());
			if (due != null) {
				overdue.add(new OrganisationRow.OverdueMilestone(name, due.toInstant(),
						Duration.between(due.toInstant(), now).toDays()));
			}
		}
		Timestamp lastScanAt = rs.getTimestamp("last_scan_at");
		LastScan lastScan = lastScanAt == null ? null : new LastScan(rs.getString("last_scan_id"), lastScanAt.toInstant(),
				rs.getLong("last_scan_endpoints"), rs.getString("last_scan_source"));
		EndpointCounts counts = new EndpointCounts(rs.getLong("total"), rs.getLong("banned"),
				rs.getLong("protected_count"), rs.getLong("unprotected"), rs.getLong("stale"), rs.getLong("retired"),
				rs.getLong("exempted"));
		return new OrganisationRow(rs.getString("organisation_id"), rs.getString("name"), rs.getString("category"),
				rs.getString("pm_group"), rs.getString("applicability"), rs.getString("phase"), phaseSince,
				Math.max(0, Duration.between(phaseSince, now).toDays()), counts, lastScan, !overdue.isEmpty(),
				List.copyOf(overdue), rs.getString("process_instance_id"));
	}

	/** A page of the table. */
	public record Page(String campaignId, int page, int size, long total, String sort, List<OrganisationRow> organisations) {

		public int pages() {
			return (int) Math.max(1, (total + size - 1) / size);
		}

	}

}
