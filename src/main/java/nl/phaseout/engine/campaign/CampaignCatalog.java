package nl.phaseout.engine.campaign;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.phaseout.engine.process.Milestone;

/** The campaigns, as stored; other features read them here. */
@Service
public class CampaignCatalog {

	private static final String COLUMNS = "id, name, decision_date, applicability_decision, classification_decision, "
			+ "deadline_inventory, deadline_plan, deadline_rollout_start, deadline_completion, status_report_interval, active, vendors";

	private final JdbcTemplate jdbc;

	CampaignCatalog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public List<Campaign> active() {
		return jdbc.query("SELECT " + COLUMNS + " FROM campaign WHERE active ORDER BY id", CampaignCatalog::map);
	}

	public Optional<Campaign> find(String id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM campaign WHERE id = ?", CampaignCatalog::map, id)
			.stream()
			.findFirst();
	}

	@Transactional
	void save(Campaign campaign) {
		Map<String, String> deadlines = campaign.deadlines();
		Object[] values = { campaign.name(), campaign.decisionDate() == null ? null : Date.valueOf(campaign.decisionDate()),
				campaign.applicabilityDecision(), campaign.classificationDecision(),
				deadlines.get(Milestone.INVENTORY.deadline()), deadlines.get(Milestone.PLAN.deadline()),
				deadlines.get(Milestone.ROLLOUT_START.deadline()), deadlines.get(Milestone.COMPLETION.deadline()),
				campaign.statusReportInterval(), campaign.active(), String.join(",", campaign.vendors()), campaign.id() };
		int updated = jdbc.update("UPDATE campaign SET name = ?, decision_date = ?, applicability_decision = ?, "
				+ "classification_decision = ?, deadline_inventory = ?, deadline_plan = ?, deadline_rollout_start = ?, "
				+ "deadline_completion = ?, status_report_interval = ?, active = ?, vendors = ? WHERE id = ?", values);
		if (updated == 0) {
			jdbc.update("INSERT INTO campaign (name, decision_date, applicability_decision, classification_decision, "
					+ "deadline_inventory, deadline_plan, deadline_rollout_start, deadline_completion, "
					+ "status_report_interval, active, vendors, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
		}
	}

	private static Campaign map(ResultSet rs, int row) throws SQLException {
		Map<String, String> deadlines = new LinkedHashMap<>();
		String[] columns = { "deadline_inventory", "deadline_plan", "deadline_rollout_start", "deadline_completion" };
		for (int i = 0; i < columns.length; i++) {
			String value = rs.getString(columns[i]);
			if (value != null) {
				deadlines.put(Milestone.deadlines().get(i), value);
			}
		}
		Date decisionDate = rs.getDate("decision_date");
		return new Campaign(rs.getString("id"), rs.getString("name"),
				decisionDate == null ? null : decisionDate.toLocalDate(), rs.getString("applicability_decision"),
				rs.getString("classification_decision"), Map.copyOf(deadlines), rs.getString("status_report_interval"),
				rs.getBoolean("active"), vendors(rs.getString("vendors")));
	}

	private static List<String> vendors(String stored) {
		return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
	}

}
