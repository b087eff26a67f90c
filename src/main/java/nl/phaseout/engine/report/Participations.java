package nl.phaseout.engine.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.phaseout.engine.process.Milestone;
import nl.phaseout.engine.process.Phase;
import nl.phaseout.engine.process.ProcessStart;

/**
 * The participation read model: which campaign each organisation takes part in, its
 * process, phase, deadlines and whether it is overdue. The engine stays the system of
 * record for process state; this table is written in the engine's own transaction, so
 * the two never disagree after a commit.
 */
@Repository
public class Participations {

	private static final Milestone[] MILESTONES = Milestone.values();

	/** The deadline columns, in the order of {@link Milestone#values()}. */
	private static final String DEADLINE_COLUMNS = Stream.of(MILESTONES).map(Milestone::column)
		.collect(Collectors.joining(", "));

	private final JdbcTemplate jdbc;

	Participations(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records that the organisation takes part in the campaign, and who it is, before its process starts. */
	void create(ProcessStart start, Instant at) {
		List<Object> values = new ArrayList<>(List.of(start.campaignId(), start.organisationId(),
				start.organisationName(), start.category(), start.pmGroup(), Phase.APPLICABILITY.name(),
				Timestamp.from(at)));
		values.addAll(due(start.deadlines() == null ? Map.of() : start.deadlines()));
		jdbc.update("INSERT INTO participation (campaign_id, organisation_id, organisation_name, category, pm_group,"
				+ " phase, phase_changed_at, overdue, " + DEADLINE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, FALSE"
				+ ", ?".repeat(MILESTONES.length) + ")", values.toArray());
	}

	/** The deadlines' moments in the order of {@link #DEADLINE_COLUMNS}. */
	private static List<Object> due(Map<String, Instant> deadlines) {
		List<Object> due = new ArrayList<>();
		for (Milestone milestone : MILESTONES) {
			Instant moment = deadlines.get(milestone.deadline());
			due.add(moment == null ? null : Timestamp.from(moment));
		}
		return due;
	}

	void attachProcess(String campaignId, String organisationId, String processInstanceId) {
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

	void applicabilityDecided(String campaignId, String organisationId, String applicability) {
		jdbc.update("UPDATE participation SET applicability = ? WHERE campaign_id = ? AND organisation_id = ?",
				applicability, campaignId, organisationId);
	}

	/** A deadline passed before its milestone: the organisation is overdue until the milestone is reached. */
	void milestoneMissed(String campaignId, String organisationId, String deadline, Instant dueAt, Instant at) {
		jdbc.update("DELETE FROM missed_milestone WHERE campaign_id = ? AND organisation_id = ? AND deadline = ?",
				campaignId, organisationId, deadline);
		jdbc.update("INSERT INTO missed_milestone (campaign_id, organisation_id, deadline, due_at, missed_at)"
				+ " VALUES (?, ?, ?, ?, ?)", campaignId, organisationId, deadline, Timestamp.from(dueAt),
				Timestamp.from(at));
		updateOverdue(campaignId, organisationId);
	}

	/** Milestones reached late clear the organisation's overdue mark once none is left missed. */
	void milestonesReached(String campaignId, String organisationId, List<String> deadlines, Instant at) {
		if (deadlines.isEmpty()) {
			return;
		}
		int reached = new NamedParameterJdbcTemplate(jdbc).update("UPDATE missed_milestone SET reached_at = :at"
				+ " WHERE campaign_id = :campaignId AND organisation_id = :organisationId AND reached_at IS NULL"
				+ " AND deadline IN (:deadlines)", new MapSqlParameterSource("at", Timestamp.from(at))
					.addValue("campaignId", campaignId)
					.addValue("organisationId", organisationId)
					.addValue("deadlines", deadlines));
		if (reached > 0) {
			updateOverdue(campaignId, organisationId);
		}
	}

	/** Work reopened after a regression: its new process and the deadlines it is held to. */
	void reopened(String campaignId, String organisationId, String processInstanceId, Map<String, Instant> deadlines) {
		List<Object> values = new ArrayList<>();
		values.add(processInstanceId);
		values.addAll(due(deadlines));
		values.add(campaignId);
		values.add(organisationId);
		String setDeadlines = Stream.of(MILESTONES).map(milestone -> ", " + milestone.column() + " = ?")
			.collect(Collectors.joining());
		jdbc.update("UPDATE participation SET process_instance_id = ?" + setDeadlines
				+ " WHERE campaign_id = ? AND organisation_id = ?", values.toArray());
	}

	/** The milestones missed and not reached since, by deadline name, with their due moments. */
	public Map<String, Instant> missedMilestones(String campaignId, String organisationId) {
		Map<String, Instant> missed = new LinkedHashMap<>();
		jdbc.query("SELECT deadline, due_at FROM missed_milestone WHERE campaign_id = ? AND organisation_id = ?"
				+ " AND reached_at IS NULL ORDER BY due_at", rs -> {
					missed.put(rs.getString("deadline"), rs.getTimestamp("due_at").toInstant());
				}, campaignId, organisationId);
		return missed;
	}

	private void updateOverdue(String campaignId, String organisationId) {
		jdbc.update("UPDATE participation SET overdue = EXISTS (SELECT 1 FROM missed_milestone m"
				+ " WHERE m.campaign_id = participation.campaign_id AND m.organisation_id = participation.organisation_id"
				+ " AND m.reached_at IS NULL) WHERE campaign_id = ? AND organisation_id = ?", campaignId, organisationId);
	}

	private static ParticipationView map(ResultSet rs, int row) throws SQLException {
		Map<String, Instant> deadlines = new LinkedHashMap<>();
		for (Milestone milestone : MILESTONES) {
			Timestamp due = rs.getTimestamp(milestone.column());
			if (due != null) {
				deadlines.put(milestone.deadline(), due.toInstant());
			}
		}
		return new ParticipationView(rs.getString("campaign_id"), rs.getString("organisation_id"),
				rs.getString("process_instance_id"), Phase.valueOf(rs.getString("phase")), rs.getBoolean("overdue"),
				deadlines);
	}

}
