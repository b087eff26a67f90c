package nl.phaseout.engine.report;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.phaseout.engine.inventory.EndpointCounts;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * One point a day per campaign: the endpoints still running the banned product, protected and
 * unprotected, and the organisations per phase. Today's point is rewritten as the day goes on;
 * a past day keeps the last figures written on it. Any node may write: the write is an upsert
 * keyed by campaign and date, and two nodes writing at once leave one row.
 */
@Repository
public class CampaignTimeline {

	private static final TypeReference<LinkedHashMap<String, Long>> PHASES = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final ObjectMapper json;

	CampaignTimeline(JdbcTemplate jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Writes the day's point. Each statement commits on its own (no surrounding transaction), so
	 * an insert that loses a race to another node is simply followed by an update.
	 */
	void record(String campaignId, LocalDate day, CampaignFigures.Figures figures, Instant now) {
		EndpointCounts e = figures.endpoints();
		String byPhase = write(figures.byPhase());
		Object[] values = { e.total(), e.banned(), e.protectedCount(), e.unprotected(), e.stale(), figures.organisations(),
				byPhase,
				Timestamp.from(now), campaignId, Date.valueOf(day) };
		String update = "UPDATE campaign_timeline SET total = ?, banned = ?, protected_count = ?, unprotected = ?, stale = ?, "
				+ "organisations = ?, by_phase = ?, updated_at = ? WHERE campaign_id = ? AND point_date = ?";
		if (jdbc.update(update, values) > 0) {
			return;
		}
		try {
			jdbc.update("INSERT INTO campaign_timeline (total, banned, protected_count, unprotected, stale, organisations, "
					+ "by_phase, updated_at, campaign_id, point_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
		}
		catch (DuplicateKeyException ex) {
			jdbc.update(update, values);
		}
	}

	/** The points from the given day on (all when null), oldest first. */
	public List<Point> points(String campaignId, LocalDate from) {
		return jdbc.query("SELECT point_date, total, banned, protected_count, unprotected, stale, organisations, by_phase "
				+ "FROM campaign_timeline WHERE campaign_id = ? AND point_date >= ? ORDER BY point_date",
				(rs, n) -> new Point(rs.getDate("point_date").toLocalDate(), rs.getLong("banned"),
						rs.getLong("protected_count"), rs.getLong("unprotected"), rs.getLong("total"),
						rs.getLong("organisations"), read(rs.getString("by_phase")), rs.getLong("stale")),
				campaignId, Date.valueOf(from == null ? LocalDate.of(1970, 1, 1) : from));
	}

	private String write(Map<String, Long> byPhase) {
		try {
			return json.writeValueAsString(byPhase);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, Long> read(String byPhase) {
		try {
			return json.readValue(byPhase, PHASES);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A timeline point's phases are not JSON: " + byPhase, ex);
		}
	}

	/** One day of a campaign; endpoints of the organisations in scope (stale: not observed recently enough). */
	public record Point(LocalDate date, long banned, @JsonProperty("protected") long protectedCount, long unprotected,
			long total, long organisations, Map<String, Long> byPhase, long stale) {
	}

}
