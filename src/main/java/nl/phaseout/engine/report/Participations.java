package nl.phaseout.engine.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.phaseout.engine.process.Phase;

/**
 * The participation read model: which campaign each organisation takes part in, its
 * process, phase, deadlines and whether it is overdue. The engine stays the system of
 * record for process state; this table is written in the engine's own transaction, so
 * the two never disagree after a commit.
 */
@Repository
public class Participations {

	private static final String[] DEADLINE_COLUMNS = { "deadline_inventory", "deadline_plan", "deadline_rollout_start",
			"deadline_completion" };

	private static final String[] DEADLINE_NAMES = { "inventory", "plan", "rolloutStart", "completion" };

	private final JdbcTemplate jdbc;

	Participations(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records that the organisation takes part in the campaign, before its process starts. */
	public void create(String campaignId, String organisationId, Map<String, Instant> deadlines, Instant at) {
		Object[] due = new Object[DEADLINE_NAMES.length];
		for (int i = 0; i < DEADLINE_NAMES.length; i++) {
			Instant moment = deadlines.get(DEADLINE_NAMES[i]);
			due[i] = moment == null ? null : Timestamp.from(moment);
		}
		jdbc.update("INSERT INTO participation (campaign_id, organisation_id, phase, phase_changed_at, overdue, "
				+ "deadline_inventory, deadline_plan, deadline_rollout_start, deadline_completion) "
				+ "VALUES (?, ?, ?, ?, FALSE, ?, ?, ?, ?)", campaignId, organisationId, Phase.APPLICABILITY.name(),
				Timestamp.from(at), due[0], due[1], due[2], due[3]);
	}

	public void attachProcess(String campaignId, String organisationId, String processInstanceId) {
		jdbc.update("UPDATE participation SET process_instance_id = ? WHERE campaign_id = ? AND organisation_id = ?",
				processInstanceId, campaignId, organisationId);
	}

	public List<ParticipationView> forOrganisation(String organisationId) {
		return jdbc.query("SELECT * FROM participation WHERE organisation_id = ? ORDER BY campaign_id",
				Participations::map, organisationId);
	}

	public List<ParticipationView> inPhase(String campaignId, Phase phase) {
		return jdbc.query("SELECT * FROM participation WHERE campaign_id = ? AND phase = ?", Participations::map,
				campaignId, phase.name());
	}

	public Optional<Phase> phase(String campaignId, String organisationId) {
		return jdbc.queryForList("SELECT phase FROM participation WHERE campaign_id = ? AND organisation_id = ?",
				String.class, campaignId, organisationId)
			.stream()
			.findFirst()
			.map(Phase::valueOf);
	}

	void phaseChanged(String campaignId, String organisationId, String processInstanceId, Phase phase, Instant at) {
		jdbc.update("UPDATE participation SET phase = ?, phase_changed_at = ?, "
				+ "process_instance_id = COALESCE(?, process_instance_id) WHERE campaign_id = ? AND organisation_id = ?",
				phase.name(), Timestamp.from(at), processInstanceId, campaignId, organisationId);
	}

	void markOverdue(String campaignId, String organisationId) {
		jdbc.update("UPDATE participation SET overdue = TRUE WHERE campaign_id = ? AND organisation_id = ?", campaignId,
				organisationId);
	}

	private static ParticipationView map(ResultSet rs, int row) throws SQLException {
		Map<String, Instant> deadlines = new LinkedHashMap<>();
		for (int i = 0; i < DEADLINE_COLUMNS.length; i++) {
			Timestamp due = rs.getTimestamp(DEADLINE_COLUMNS[i]);
			if (due != null) {
				deadlines.put(DEADLINE_NAMES[i], due.toInstant());
			}
		}
		return new ParticipationView(rs.getString("campaign_id"), rs.getString("organisation_id"),
				rs.getString("process_instance_id"), Phase.valueOf(rs.getString("phase")), rs.getBoolean("overdue"),
				deadlines);
	}

}
