package nl.phaseout.engine.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.phaseout.engine.process.ProcessRecord;

/**
 * The {@code record_entry} table: appended by the process in its own transaction, never updated
 * or deleted, read as one organisation's record per campaign.
 */
@Repository
public class ClosureRecords implements ProcessRecord {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final ObjectMapper json;

	ClosureRecords(JdbcTemplate jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public void append(String campaignId, String organisationId, String processInstanceId, Entry entry) {
		String data;
		try {
			data = json.writeValueAsString(entry.data());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Record entry " + entry.kind() + " cannot be written as JSON", ex);
		}
		jdbc.update("INSERT INTO record_entry (campaign_id, organisation_id, process_instance_id, kind, at, actor, data)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?)", campaignId, organisationId, processInstanceId, entry.kind().name(),
				Timestamp.from(entry.at()), entry.actor(), data);
	}

	/** The organisation's records, one per campaign it has entries in (only {@code campaignId}'s when given). */
	public List<CampaignRecord> forOrganisation(String organisationId, Optional<String> campaignId) {
		Map<String, List<RecordedEntry>> byCampaign = new LinkedHashMap<>();
		jdbc.query("SELECT campaign_id, process_instance_id, kind, at, actor, data FROM record_entry"
				+ " WHERE organisation_id = ? ORDER BY campaign_id, id", rs -> {
					if (campaignId.isEmpty() || campaignId.get().equals(rs.getString("campaign_id"))) {
						byCampaign.computeIfAbsent(rs.getString("campaign_id"), id -> new ArrayList<>()).add(entry(rs));
					}
				}, organisationId);
		return byCampaign.entrySet().stream().map(e -> CampaignRecord.of(e.getKey(), e.getValue())).toList();
	}

	/** How the organisation's applicability in the campaign was decided, as the record has it. */
	public Optional<String> applicability(String campaignId, String organisationId) {
		return jdbc.query("SELECT data FROM record_entry WHERE campaign_id = ? AND organisation_id = ?"
				+ " AND kind = 'APPLICABILITY' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
				(rs, row) -> (String) read(rs.getString("data")).get("applicability"), campaignId, organisationId)
			.stream()
			.findFirst();
	}

	/** The latest verification scan considered: its verdict and why, for the organisation's view. */
	public Optional<Map<String, Object>> lastVerification(String campaignId, String organisationId) {
		return jdbc.query("SELECT data FROM record_entry WHERE campaign_id = ? AND organisation_id = ?"
				+ " AND kind = 'VERIFICATION_SCAN' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
				(rs, row) -> read(rs.getString("data")), campaignId, organisationId)
			.stream()
			.findFirst();
	}

	private RecordedEntry entry(ResultSet rs) throws SQLException {
		Timestamp at = rs.getTimestamp("at");
		return new RecordedEntry(Kind.valueOf(rs.getString("kind")), at == null ? null : at.toInstant(),
				rs.getString("actor"), rs.getString("process_instance_id"), read(rs.getString("data")));
	}

	private Map<String, Object> read(String data) {
		try {
			return json.readValue(data, MAP);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A record entry is not valid JSON", ex);
		}
	}

	/** One entry as stored. */
	public record RecordedEntry(Kind kind, Instant at, String actor, String processInstanceId,
			Map<String, Object> data) {
	}

}
