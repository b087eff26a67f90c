package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import nl.phaseout.engine.inventory.InventoryState.EndpointList;
import nl.phaseout.engine.system.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one listing of the endpoints behind an organisation's counts in a campaign, ordered by
 * endpoint id: a page at a time for the REST API, the first few for the process's task forms.
 * Plain reads of the projection's rows, no locks. The same rows make the counts, so
 * the number of live endpoints listed with a status equals that count.
 */
@Repository
public class EndpointListing {

	private static final String FROM = " FROM inv_endpoint WHERE campaign_id = ? AND organisation_id = ?";

	private final JdbcTemplate jdbc;

	private final CountsRepository counts;

	EndpointListing(JdbcTemplate jdbc, CountsRepository counts) {
		this.jdbc = jdbc;
		this.counts = counts;
	}

	/**
	 * One page of the organisation's endpoints.
	 *
	 * @param status only endpoints with this status, or all (live and retired) when null
	 * @param page from 0
	 * @param size endpoints per page, at least 1
	 */
	@Transactional(readOnly = true)
	public EndpointPage page(String campaignId, String organisationId, EndpointStatus status, int page, int size) {
		List<Object> params = new ArrayList<>(List.of(campaignId, organisationId));
		Instant threshold = threshold(campaignId, organisationId);
		String where = FROM + filter(status, threshold, params);
		long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, params.toArray());
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add((long) page * size);
		pageParams.add(size);
		List<Endpoint> endpoints = jdbc.query(
				"SELECT endpoint_id, retired, state, exempted, observed_at, retired_at, last_event_source, products"
						+ where
						+ " ORDER BY endpoint_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
				(rs, row) -> new Endpoint(rs.getString("endpoint_id"),
						EndpointStatus.of(rs.getBoolean("retired"), state(rs.getString("state")),
								SqlTime.instant(rs, "observed_at"), threshold, rs.getBoolean("exempted")).apiName(),
						SqlTime.instant(rs, "observed_at"), SqlTime.instant(rs, "retired_at"),
						rs.getString("last_event_source"), rs.getString("products")),
				pageParams.toArray());
		return new EndpointPage(campaignId, organisationId, status == null ? null : status.apiName(), page, size,
				total, endpoints);
	}

	/**
	 * Up to {@code limit} live endpoints in this state, as the task forms show them (the banned
	 * products they run), and how many there are: the organisation's counts row, as the caller holds
	 * it under the organisation's lock, says how many (the rows listed with a status add up to its
	 * count, the class's invariant) and when observations go stale, so only the endpoints shown are
	 * read, and none when there are none.
	 */
	EndpointList live(String campaignId, String organisationId, EndpointStatus status, CountsRow counts, int limit) {
		long total = counts.counts().of(status);
		if (total == 0 || limit == 0) {
			return new EndpointList(List.of(), total);
		}
		List<Object> params = new ArrayList<>(List.of(campaignId, organisationId));
		String where = FROM + filter(status, counts.threshold(), params);
		return new EndpointList(shown(where, params, limit), total);
	}

	/**
	 * Up to {@code limit} live endpoints that the scan does not cover (not observed between its start
	 * and its completion), and how many there are; none when the scan does not say when it started.
	 */
	EndpointList uncovered(String campaignId, String organisationId, LastScan scan, int limit) {
		if (scan == null || scan.startedAt() == null) {
			return new EndpointList(List.of(), 0);
		}
		List<Object> params = new ArrayList<>(List.of(campaignId, organisationId, SqlTime.timestamp(scan.startedAt()),
				SqlTime.timestamp(scan.completedAt())));
		return list(FROM + " AND retired = FALSE AND (observed_at < ? OR observed_at > ?)", params, limit);
	}

	private EndpointList list(String where, List<Object> params, int limit) {
		long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, params.toArray());
		return new EndpointList(limit == 0 || total == 0 ? List.of() : shown(where, params, limit), total);
	}

	private List<InventoryState.Endpoint> shown(String where, List<Object> params, int limit) {
		List<Object> withLimit = new ArrayList<>(params);
		withLimit.add(limit);
		return jdbc.query("SELECT endpoint_id, banned_products, observed_at, last_event_source" + where
				+ " ORDER BY endpoint_id FETCH FIRST ? ROWS ONLY",
				(rs, row) -> new InventoryState.Endpoint(rs.getString("endpoint_id"), rs.getString("banned_products"),
						SqlTime.instant(rs, "observed_at"), rs.getString("last_event_source")),
				withLimit.toArray());
	}

	/** The live endpoints whose last change came from a source starting with this prefix. */
	@Transactional(readOnly = true)
	public List<String> liveReportedBy(String campaignId, String organisationId, String sourcePrefix) {
		String escaped = sourcePrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return jdbc.queryForList("SELECT endpoint_id" + FROM + " AND retired = FALSE AND last_event_source LIKE ?"
				+ " ESCAPE '\\'", String.class, campaignId, organisationId, escaped + "%");
	}

	/** Observations before this moment are stale, as the organisation's counts were made; null when none is. */
	private Instant threshold(String campaignId, String organisationId) {
		return counts.find(campaignId, organisationId).map(CountsRow::threshold).orElse(null);
	}

	/** The rows that count with this status, as {@link EndpointStatus#of} decides it (in SQL). */
	private static String filter(EndpointStatus status, Instant threshold, List<Object> params) {
		if (status == null) {
			return "";
		}
		switch (status) {
			case RETIRED:
				return " AND retired = TRUE";
			case BANNED:
				return " AND retired = FALSE AND state = 'BANNED' AND exempted = FALSE";
			case EXEMPTED:
				return " AND retired = FALSE AND state = 'BANNED' AND exempted = TRUE";
			case STALE:
				if (threshold == null) {
					return " AND 1 = 0";
				}
				params.add(SqlTime.timestamp(threshold));
				return " AND retired = FALSE AND state <> 'BANNED' AND observed_at < ?";
			default:
				params.add(status.name());
				if (threshold == null) {
					return " AND retired = FALSE AND state = ?";
				}
				params.add(SqlTime.timestamp(threshold));
				return " AND retired = FALSE AND state = ? AND observed_at >= ?";
		}
	}

	private static EndpointState state(String name) {
		return name == null ? null : EndpointState.valueOf(name);
	}

	/** A page of endpoints and where it lies: {@code total} endpoints match, in pages of {@code size}. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record EndpointPage(String campaignId, String organisationId, String status, int page, int size,
			long total, List<Endpoint> endpoints) {
	}

	/**
	 * One endpoint: its status, its latest observation's time and products (JSON as stored; null
	 * when it was never observed, or not since 0.2 kept them), when it was retired, and the source
	 * of the event that last changed it.
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Endpoint(String endpointId, String status, Instant observedAt, Instant retiredAt, String source,
			@ArraySchema(arraySchema = @Schema(type = "array", description = "The products as observed, each"
					+ " {vendor, name, version, category, state}"), schema = @Schema(implementation = Object.class))
			@JsonRawValue String products) {
	}

}
