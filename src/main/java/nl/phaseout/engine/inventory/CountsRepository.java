package nl.phaseout.engine.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import nl.phaseout.engine.system.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.util.function.SingletonSupplier;

/**
 * The per-organisation counts rows. Locking a row ({@code SELECT ... FOR UPDATE}, inserting it
 * first when absent) serialises everything that reads or changes that organisation's inventory.
 */
@Repository
class CountsRepository {

	private static final int CHUNK = 500;

	private static final String COLUMNS = "organisation_id, total, banned, protected_count, unprotected, stale,"
			+ " retired, exempted, inventory_time, inventory_clock, stale_after, rolling_since";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final Supplier<SqlDialect> dialect;

	/** The rows the transaction in progress has locked, as they are now: a lock held is not taken again. */
	private final HeldForTransaction<CountsRow> held;

	CountsRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.held = new HeldForTransaction<>(jdbc.getDataSource());
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.dialect = SingletonSupplier.of(() -> SqlDialect.detect(jdbc));
	}

	/**
	 * Locks the rows of these organisations in these campaigns, creating absent ones, in one order
	 * everywhere: by organisation, then campaign. The process signal worker delivers in organisation
	 * order too, so the two never wait for each other in a circle.
	 */
	Map<String, Map<String, CountsRow>> lock(Collection<String> campaignIds, Collection<String> organisationIds) {
		List<String> campaigns = campaignIds.stream().sorted().distinct().toList();
		List<String> sorted = organisationIds.stream().sorted().distinct().toList();
		List<Object[]> keys = new ArrayList<>();
		sorted.forEach(organisationId -> campaigns.forEach(campaignId -> keys.add(new Object[] { campaignId,
				organisationId })));
		jdbc.batchUpdate(dialect.get().insertCountsIfAbsent, keys);
		Map<String, CountsRow> heldNow = held.values();
		Map<String, Map<String, CountsRow>> counts = new HashMap<>();
		campaigns.forEach(campaignId -> counts.put(campaignId, new HashMap<>()));
		for (int from = 0; from < sorted.size(); from += CHUNK) {
			var params = new MapSqlParameterSource("campaignIds", campaigns).addValue("organisationIds",
					sorted.subList(from, Math.min(sorted.size(), from + CHUNK)));
			named.query("SELECT campaign_id, " + COLUMNS + " FROM inv_endpoint_counts WHERE campaign_id IN (:campaignIds)"
					+ " AND organisation_id IN (:organisationIds) ORDER BY organisation_id, campaign_id FOR UPDATE",
					params, rs -> {
						counts.get(rs.getString("campaign_id")).put(rs.getString("organisation_id"), counts(rs));
					});
		}
		counts.forEach((campaignId, rows) -> rows
			.forEach((organisationId, row) -> heldNow.put(HeldForTransaction.key(campaignId, organisationId), row)));
		return counts;
	}

	CountsRow lock(String campaignId, String organisationId) {
		CountsRow alreadyHeld = held.values().get(HeldForTransaction.key(campaignId, organisationId));
		if (alreadyHeld != null) {
			return alreadyHeld;
		}
		return lock(List.of(campaignId), List.of(organisationId)).get(campaignId)
			.getOrDefault(organisationId, CountsRow.ZERO);
	}

	void update(String campaignId, Map<String, CountsRow> counts) {
		List<Object[]> rows = new ArrayList<>();
		counts.forEach((organisationId, row) -> {
			EndpointCounts c = row.counts();
			rows.add(new Object[] { c.total(), c.banned(), c.protectedCount(), c.unprotected(), c.stale(), c.retired(),
					c.exempted(),
					SqlTime.timestamp(row.inventoryTime()), SqlTime.timestamp(row.clock()),
					row.staleAfter() == null ? null : row.staleAfter().toString(), SqlTime.timestamp(row.rollingSince()),
					campaignId, organisationId });
		});
		jdbc.batchUpdate("UPDATE inv_endpoint_counts SET total = ?, banned = ?, protected_count = ?,"
				+ " unprotected = ?, stale = ?, retired = ?, exempted = ?, inventory_time = ?, inventory_clock = ?, stale_after = ?,"
				+ " rolling_since = ? WHERE campaign_id = ? AND organisation_id = ?", rows);
		Map<String, CountsRow> heldNow = held.values();
		counts.forEach((organisationId, row) -> heldNow
			.computeIfPresent(HeldForTransaction.key(campaignId, organisationId), (key, before) -> row));
	}

	Optional<CountsRow> find(String campaignId, String organisationId) {
		return jdbc.query("SELECT " + COLUMNS + " FROM inv_endpoint_counts WHERE campaign_id = ?"
				+ " AND organisation_id = ?", (rs, row) -> counts(rs), campaignId, organisationId).stream().findFirst();
	}

	/**
	 * The organisations of the campaign whose stale count was made with another {@code staleAfter} than
	 * this (or none yet), after {@code after} in id order: they are counted again.
	 */
	List<String> countedWithOtherStaleAfter(String campaignId, Duration staleAfter, String after, int limit) {
		return jdbc.queryForList("SELECT organisation_id FROM inv_endpoint_counts WHERE campaign_id = ?"
				+ " AND organisation_id > ? AND (stale_after IS NULL OR stale_after <> ?) ORDER BY organisation_id"
				+ " FETCH FIRST " + limit + " ROWS ONLY", String.class, campaignId, after, staleAfter.toString());
	}

	private static CountsRow counts(ResultSet rs) throws SQLException {
		String staleAfter = rs.getString("stale_after");
		return new CountsRow(new EndpointCounts(rs.getLong("total"), rs.getLong("banned"), rs.getLong("protected_count"),
				rs.getLong("unprotected"), rs.getLong("stale"), rs.getLong("retired"), rs.getLong("exempted")),
				SqlTime.instant(rs, "inventory_time"), SqlTime.instant(rs, "inventory_clock"),
				staleAfter == null ? null : Duration.parse(staleAfter), SqlTime.instant(rs, "rolling_since"));
	}

}
