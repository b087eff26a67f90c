package nl.phaseout.engine.campaign;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.phaseout.engine.process.Milestone;

/** The campaigns, as stored; other features read them here. */
@Service
public class CampaignCatalog {

	/** The deadline columns, in the order of {@link Milestone#values()}. */
	private static final String DEADLINES = Stream.of(Milestone.values()).map(Milestone::column)
		.collect(Collectors.joining(", "));

	private static final String COLUMNS = "id, name, decision_date, applicability_decision, classification_decision, "
			+ DEADLINES + ", status_report_interval, active, vendors, stale_after, status, exemptions_allowed,"
			+ " exemptions_max_until, exemptions_allow_sign_off, decision_reference";

	private final JdbcTemplate jdbc;

	CampaignCatalog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public List<Campaign> active() {
		return jdbc.query("SELECT " + COLUMNS + " FROM campaign WHERE active ORDER BY id", CampaignCatalog::map);
	}

	/** Every campaign, whatever its status. */
	public List<Campaign> all() {
		return jdbc.query("SELECT " + COLUMNS + " FROM campaign ORDER BY id", CampaignCatalog::map);
	}

	public Optional<Campaign> find(String id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM campaign WHERE id = ?", CampaignCatalog::map, id)
			.stream()
			.findFirst();
	}

	/**
	 * Stores a new campaign; a campaign with its id fails with a {@code DuplicateKeyException}, never
	 * overwritten (two nodes, two requests).
	 */
	void insert(Campaign campaign) {
		List<Object> values = values(campaign);
		jdbc.update("INSERT INTO campaign (name, decision_date, applicability_decision, classification_decision, "
				+ DEADLINES + ", status_report_interval, active, vendors, stale_after, status, exemptions_allowed,"
				+ " exemptions_max_until, exemptions_allow_sign_off, decision_reference, id) VALUES ("
				+ "?, ".repeat(values.size() - 1) + "?)", values.toArray());
	}

	/** Moves a campaign from one status to another; false when it was not in {@code from} (any more). */
	boolean changeStatus(String id, Campaign.Status from, Campaign.Status to) {
		return jdbc.update("UPDATE campaign SET status = ?, active = ? WHERE id = ? AND status = ?", to.name(),
				to == Campaign.Status.ACTIVE, id, from.name()) == 1;
	}

	/** The campaigns in a status, by id. */
	public List<Campaign> withStatus(Campaign.Status status) {
		return jdbc.query("SELECT " + COLUMNS + " FROM campaign WHERE status = ? ORDER BY id", CampaignCatalog::map,
				status.name());
	}

	@Transactional
	void save(Campaign campaign) {
		List<Object> values = values(campaign);
		String setDeadlines = Stream.of(Milestone.values()).map(milestone -> milestone.column() + " = ?")
			.collect(Collectors.joining(", "));
		int updated = jdbc.update("UPDATE campaign SET name = ?, decision_date = ?, applicability_decision = ?, "
				+ "classification_decision = ?, " + setDeadlines + ", status_report_interval = ?, active = ?, vendors = ?,"
				+ " stale_after = ?, status = ?, exemptions_allowed = ?, exemptions_max_until = ?,"
				+ " exemptions_allow_sign_off = ?, decision_reference = ?"
				+ " WHERE id = ?", values.toArray());
		if (updated == 0) {
			insert(campaign);
		}
	}

	private static List<Object> values(Campaign campaign) {
		List<Object> values = new ArrayList<>();
		values.add(campaign.name());
		values.add(campaign.decisionDate() == null ? null : Date.valueOf(campaign.decisionDate()));
		values.add(campaign.applicabilityDecision());
		values.add(campaign.classificationDecision());
		for (Milestone milestone : Milestone.values()) {
			values.add(campaign.deadlines().get(milestone.deadline()));
		}
		values.add(campaign.statusReportInterval());
		values.add(campaign.active());
		values.add(String.join(",", campaign.vendors()));
		values.add(campaign.staleAfter());
		values.add(campaign.status().name());
		values.add(campaign.exemptions().allowed());
		values.add(campaign.exemptions().maxUntil() == null ? null : Date.valueOf(campaign.exemptions().maxUntil()));
		values.add(campaign.exemptions().allowSignOff());
		values.add(campaign.decisionReference());
		values.add(campaign.id());
		return values;
	}

	private static Campaign map(ResultSet rs, int row) throws SQLException {
		Map<String, String> deadlines = new LinkedHashMap<>();
		for (Milestone milestone : Milestone.values()) {
			String value = rs.getString(milestone.column());
			if (value != null) {
				deadlines.put(milestone.deadline(), value);
			}
		}
		Date decisionDate = rs.getDate("decision_date");
		Date maxUntil = rs.getDate("exemptions_max_until");
		Campaign.Exemptions exemptions = new Campaign.Exemptions(rs.getBoolean("exemptions_allowed"),
				maxUntil == null ? null : maxUntil.toLocalDate(), rs.getBoolean("exemptions_allow_sign_off"));
		return new Campaign(rs.getString("id"), rs.getString("name"),
				decisionDate == null ? null : decisionDate.toLocalDate(), rs.getString("applicability_decision"),
				rs.getString("classification_decision"), Map.copyOf(deadlines), rs.getString("status_report_interval"),
				Campaign.Status.valueOf(rs.getString("status")), vendors(rs.getString("vendors")),
				rs.getString("stale_after"), exemptions, rs.getString("decision_reference"));
	}

	private static List<String> vendors(String stored) {
		return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
	}

}
