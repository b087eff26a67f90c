package nl.phaseout.engine.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.phaseout.engine.process.EndpointCounts;
import nl.phaseout.engine.process.InventorySnapshot;
import nl.phaseout.engine.report.EndpointFigures;

/** The projection's figures for the views: the process's read without its lock, and campaign totals. */
@Repository
class EndpointFiguresRepository implements EndpointFigures {

	private static final String SUMS = "SELECT COALESCE(SUM(c.total), 0) AS total, COALESCE(SUM(c.banned), 0) AS banned, "
			+ "COALESCE(SUM(c.protected_count), 0) AS protected_count, COALESCE(SUM(c.unprotected), 0) AS unprotected, "
			+ "COALESCE(SUM(c.retired), 0) AS retired FROM inv_endpoint_counts c ";

	private final JdbcTemplate jdbc;

	private final JdbcInventoryState state;

	EndpointFiguresRepository(JdbcTemplate jdbc, JdbcInventoryState state) {
		this.jdbc = jdbc;
		this.state = state;
	}

	@Override
	public InventorySnapshot snapshot(String campaignId, String organisationId) {
		return state.snapshot(campaignId, organisationId, false);
	}

	/** Summed over the organisations in scope: mandatory, or advised and not declined. */
	@Override
	public EndpointCounts totals(String campaignId) {
		return jdbc.queryForObject(SUMS + "JOIN participation p ON p.campaign_id = c.campaign_id "
				+ "AND p.organisation_id = c.organisation_id WHERE c.campaign_id = ? AND (p.applicability = 'MANDATORY'"
				+ " OR (p.applicability = 'ADVISED' AND p.phase <> 'DECLINED'))", EndpointFiguresRepository::map,
				campaignId);
	}

	private static EndpointCounts map(ResultSet rs, int row) throws SQLException {
		return new EndpointCounts(rs.getLong("total"), rs.getLong("banned"), rs.getLong("protected_count"),
				rs.getLong("unprotected"), rs.getLong("retired"));
	}

}
