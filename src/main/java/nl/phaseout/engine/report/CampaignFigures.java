package nl.phaseout.engine.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.phaseout.engine.inventory.EndpointCounts;
import nl.phaseout.engine.inventory.InventoryViews;
import nl.phaseout.engine.process.Phase;

/**
 * A campaign at a glance, in two queries whatever its size: organisations per category and
 * phase, the endpoints of the organisations in scope, and how many are overdue. What the
 * dashboard shows, the timeline keeps a point of every day and a status report records.
 */
@Repository
public class CampaignFigures {

	/**
	 * SQL true for a participation ({@code p}) in scope, whose endpoints count in the campaign's
	 * figures: mandatory, or advised and not declined (docs/contract.md, the progress).
	 */
	static final String IN_SCOPE = "(p.applicability = 'MANDATORY' OR (p.applicability = 'ADVISED'"
			+ " AND p.phase <> 'DECLINED'))";

	private final NamedParameterJdbcTemplate jdbc;

	CampaignFigures(JdbcTemplate jdbc) {
		this.jdbc = new NamedParameterJdbcTemplate(jdbc);
	}

	public Figures figures(String campaignId, Scope scope, Instant now) {
		MapSqlParameterSource params = new MapSqlParameterSource("campaignId", campaignId).addValue("now",
				Timestamp.from(now));
		String where = " WHERE p.campaign_id = :campaignId";
		if (!scope.isAll()) {
			where += scope.pmGroups().isEmpty() ? " AND 1 = 0" : " AND p.pm_group IN (:groups)";
			params.addValue("groups", scope.pmGroups());
		}
		Map<String, Long> byPhase = new LinkedHashMap<>();
		for (Phase phase : Phase.values()) {
			byPhase.put(phase.name(), 0L);
		}
		Map<String, Map<String, Long>> byCategory = new TreeMap<>();
		long[] totals = new long[2];
		jdbc.query("SELECT p.category, p.phase, COUNT(*) AS n, SUM(CASE WHEN " + Milestones.anyOverdueSql()
				+ " THEN 1 ELSE 0 END) AS overdue FROM participation p"
				+ where + " GROUP BY p.category, p.phase", params, (RowCallbackHandler) rs -> {
					long n = rs.getLong("n");
					totals[0] += n;
					totals[1] += rs.getLong("overdue");
					byPhase.merge(rs.getString("phase"), n, Long::sum);
					byCategory.computeIfAbsent(rs.getString("category"), category -> new TreeMap<>())
						.put(rs.getString("phase"), n);
				});
		EndpointCounts endpoints = jdbc.queryForObject("SELECT COALESCE(SUM(c.total), 0) AS total, "
				+ "COALESCE(SUM(c.banned), 0) AS banned, COALESCE(SUM(c.protected_count), 0) AS protected_count, "
				+ "COALESCE(SUM(c.unprotected), 0) AS unprotected, COALESCE(SUM(c.stale), 0) AS stale, "
				+ "COALESCE(SUM(c.retired), 0) AS retired, COALESCE(SUM(c.exempted), 0) AS exempted "
				+ "FROM participation p JOIN " + InventoryViews.COUNTS + " c ON c.campaign_id = p.campaign_id AND c.organisation_id = p.organisation_id"
				+ where + " AND " + IN_SCOPE, params,
				(rs, n) -> new EndpointCounts(rs.getLong("total"), rs.getLong("banned"), rs.getLong("protected_count"),
						rs.getLong("unprotected"), rs.getLong("stale"), rs.getLong("retired"), rs.getLong("exempted")));
		return new Figures(totals[0], byPhase, byCategory, endpoints, totals[1]);
	}

	/**
	 * @param byPhase every phase, in process order, zeros included
	 * @param byCategory category to phase to count, the phases present only
	 * @param endpoints summed over the organisations in scope ({@link #IN_SCOPE})
	 * @param overdue organisations with a milestone whose deadline passed before it was reached
	 */
	public record Figures(long organisations, Map<String, Long> byPhase, Map<String, Map<String, Long>> byCategory,
			EndpointCounts endpoints, long overdue) {
	}

}
