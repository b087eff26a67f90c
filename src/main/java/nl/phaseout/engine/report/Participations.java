package nl.phaseout.engine.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final JdbcClient jdbc;

	Participations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records that the organisation takes part in the campaign, and who it is, before its process starts. */
	void create(ProcessStart start, Instant at) {
		jdbc.sql("INSERT INTO participation (campaign_id, organisation_id, organisation_name, category, pm_group,"
				+ " phase, phase_changed_at, " + DEADLINE_COLUMNS + ") VALUES (:campaignId, :organisationId,"
				+ " :name, :category, :pmGroup, :phase, :at, " + DEADLINE_COLUMNS.replaceAll("(\\w+)", ":$1") + ")")
			.param("campaignId", start.campaignId())
			.param("organisationId", start.organisationId())
			.param("name", start.organisationName())
			.param("category", start.category())
			.param("pmGroup", start.pmGroup())
			.param("phase", Phase.APPLICABILITY.name())
			.param("at", Timestamp.from(at))
			.params(due(start.deadlines() == null ? Map.of() : start.deadlines()))
			.update();
	}

	/** The deadlines' moments by column name, a null for each one not set. */
	private static Map<String, Object> due(Map<String, Instant> deadlines) {
		Map<String, Object> due = new HashMap<>();
		for (Milestone milestone : MILESTONES) {
			Instant moment = deadlines.get(milestone.deadline());
			due.put(milestone.column(), moment == null ? null : Timestamp.from(moment));
		}
		return due;
	}

	void attachProcess(String campaignId, String organisationId, String processInstanceId) {
		jdbc.sql("UPDATE participation SET process_instance_id = ? WHERE campaign_id = ? AND organisation_id = ?")
			.params(processInstanceId, campaignId, organisationId)
			.update();
	}

	/** The organisation's participations, overdue as {@link Milestones} say at this moment. */
	public List<ParticipationView> forOrganisation(String organisationId) {
		return jdbc.sql("SELECT p.*, CASE WHEN " + Milestones.anyOverdueSql() + " THEN 1 ELSE 0 END AS overdue"
				+ " FROM participation p WHERE p.organisation_id = :organisationId ORDER BY p.campaign_id")
			.param("organisationId", organisationId)
			.param("now", Timestamp.from(Instant.now()))
			.query(Participations::map)
			.list();
	}

	/** How many organisations take part in the campaign. */
	public long count(String campaignId) {
		return jdbc.sql("SELECT COUNT(*) FROM participation WHERE campaign_id = ?")
			.params(campaignId)
			.query(Long.class)
			.single();
	}

	/** Those of the organisations that take part in the campaign. */
	public Set<String> takingPart(String campaignId, Collection<String> organisationIds) {
		if (organisationIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("SELECT organisation_id FROM participation WHERE campaign_id = :campaignId"
				+ " AND organisation_id IN (:organisationIds)")
			.param("campaignId", campaignId)
			.param("organisationIds", organisationIds)
			.query(String.class)
			.list());
	}

	public Optional<Phase> phase(String campaignId, String organisationId) {
		return jdbc.sql("SELECT phase FROM participation WHERE campaign_id = ? AND organisation_id = ?")
			.params(campaignId, organisationId)
			.query(String.class)
			.optional()
			.map(Phase::valueOf);
	}

	void phaseChanged(String campaignId, String organisationId, String processInstanceId, Phase phase, Instant at) {
		jdbc.sql("UPDATE participation SET phase = ?, phase_changed_at = ?, process_instance_id ="
				+ " COALESCE(?, process_instance_id) WHERE campaign_id = ? AND organisation_id = ?")
			.params(phase.name(), Timestamp.from(at), processInstanceId, campaignId, organisationId)
			.update();
	}

	void applicabilityDecided(String campaignId, String organisationId, String applicability) {
		jdbc.sql("UPDATE participation SET applicability = ? WHERE campaign_id = ? AND organisation_id = ?")
			.params(applicability, campaignId, organisationId)
			.update();
	}

	/** The deadline watch saw a deadline pass before its milestone: kept until the milestone is reached. */
	void milestoneMissed(String campaignId, String organisationId, String deadline, Instant dueAt, Instant at) {
		jdbc.sql("DELETE FROM missed_milestone WHERE campaign_id = ? AND organisation_id = ? AND deadline = ?")
			.params(campaignId, organisationId, deadline)
			.update();
		jdbc.sql("INSERT INTO missed_milestone (campaign_id, organisation_id, deadline, due_at, missed_at)"
				+ " VALUES (?, ?, ?, ?, ?)")
			.params(campaignId, organisationId, deadline, Timestamp.from(dueAt), Timestamp.from(at))
			.update();
	}

	/** Milestones reached late: no longer listed as missed. */
	void milestonesReached(String campaignId, String organisationId, List<String> deadlines, Instant at) {
		if (deadlines.isEmpty()) {
			return;
		}
		jdbc.sql("UPDATE missed_milestone SET reached_at = :at WHERE campaign_id = :campaignId"
				+ " AND organisation_id = :organisationId AND reached_at IS NULL AND deadline IN (:deadlines)")
			.param("at", Timestamp.from(at))
			.param("campaignId", campaignId)
			.param("organisationId", organisationId)
			.param("deadlines", deadlines)
			.update();
	}

	/** Work reopened after a regression: its new process and the deadlines it is held to. */
	void reopened(String campaignId, String organisationId, String processInstanceId, Map<String, Instant> deadlines) {
		String setDeadlines = Stream.of(MILESTONES).map(milestone -> ", " + milestone.column() + " = :" + milestone.column())
			.collect(Collectors.joining());
		jdbc.sql("UPDATE participation SET process_instance_id = :processInstanceId" + setDeadlines
				+ " WHERE campaign_id = :campaignId AND organisation_id = :organisationId")
			.param("processInstanceId", processInstanceId)
			.param("campaignId", campaignId)
			.param("organisationId", organisationId)
			.params(due(deadlines))
			.update();
	}

	/** The milestones missed and not reached since, by deadline name, with their due moments. */
	public Map<String, Instant> missedMilestones(String campaignId, String organisationId) {
		Map<String, Instant> missed = new LinkedHashMap<>();
		jdbc.sql("SELECT deadline, due_at FROM missed_milestone WHERE campaign_id = ? AND organisation_id = ?"
				+ " AND reached_at IS NULL ORDER BY due_at")
			.params(campaignId, organisationId)
			.query(rs -> {
				missed.put(rs.getString("deadline"), rs.getTimestamp("due_at").toInstant());
			});
		return missed;
	}

	/** Who the organisation is, from its participation in any campaign; empty when it takes part in none. */
	public Optional<Participant> participant(String organisationId) {
		return jdbc.sql("SELECT organisation_id, organisation_name, pm_group FROM participation"
				+ " WHERE organisation_id = ? ORDER BY campaign_id FETCH FIRST 1 ROWS ONLY")
			.params(organisationId)
			.query((rs, row) -> new Participant(rs.getString("organisation_id"), rs.getString("organisation_name"),
					rs.getString("pm_group")))
			.optional();
	}

	/**
	 * The deadlines due after {@code from} and at the latest {@code until} whose milestones are not
	 * reached (organisations out of scope reach none and are left out), soonest first.
	 */
	public List<UpcomingDeadline> upcomingDeadlines(Instant from, Instant until) {
		String union = Stream.of(MILESTONES)
			.map(milestone -> "SELECT p.campaign_id, p.organisation_id, p.organisation_name, p.pm_group,"
					+ " p.process_instance_id, '" + milestone.name() + "' AS milestone, p." + milestone.column()
					+ " AS due_at FROM participation p WHERE p." + milestone.column() + " > :from AND p."
					+ milestone.column() + " <= :until AND " + Milestones.PHASE_RANK + " < "
					+ milestone.reachedAt().ordinal())
			.collect(Collectors.joining(" UNION ALL "));
		return jdbc.sql("SELECT * FROM (" + union + ") d ORDER BY d.due_at")
			.param("from", Timestamp.from(from))
			.param("until", Timestamp.from(until))
			.query((rs, row) -> new UpcomingDeadline(rs.getString("campaign_id"), rs.getString("organisation_id"),
					rs.getString("organisation_name"), rs.getString("pm_group"), rs.getString("process_instance_id"),
					Milestone.valueOf(rs.getString("milestone")), rs.getTimestamp("due_at").toInstant()))
			.list();
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
				rs.getString("process_instance_id"), Phase.valueOf(rs.getString("phase")), rs.getInt("overdue") == 1,
				deadlines);
	}

}
