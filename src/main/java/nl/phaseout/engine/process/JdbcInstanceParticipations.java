package nl.phaseout.engine.process;

import static nl.phaseout.engine.system.SqlTime.instant;
import static nl.phaseout.engine.system.SqlTime.timestamp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@link InstanceParticipations} in the table {@code process_participant}, one row per process instance. */
@Repository
class JdbcInstanceParticipations implements InstanceParticipations {

	private static final String DEADLINE_COLUMNS = Arrays.stream(Milestone.values())
		.map(Milestone::column)
		.collect(Collectors.joining(", "));

	private final JdbcTemplate jdbc;

	JdbcInstanceParticipations(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void started(String processInstanceId, InstanceParticipation participation) {
		List<Object> values = new ArrayList<>(List.of(processInstanceId, participation.organisationId(),
				participation.campaignId()));
		for (Milestone milestone : Milestone.values()) {
			values.add(timestamp(participation.deadlines().get(milestone.deadline())));
		}
		jdbc.update("INSERT INTO process_participant (process_instance_id, organisation_id, campaign_id, "
				+ DEADLINE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", values.toArray());
	}

	@Override
	public Optional<InstanceParticipation> find(String processInstanceId) {
		return jdbc.query("SELECT organisation_id, campaign_id, " + DEADLINE_COLUMNS
				+ " FROM process_participant WHERE process_instance_id = ?", (rs, row) -> {
					Map<String, Instant> deadlines = new HashMap<>();
					for (Milestone milestone : Milestone.values()) {
						Instant due = instant(rs, milestone.column());
						if (due != null) {
							deadlines.put(milestone.deadline(), due);
						}
					}
					return new InstanceParticipation(rs.getString("organisation_id"), rs.getString("campaign_id"),
							deadlines);
				}, processInstanceId).stream().findFirst();
	}

}
