package nl.phaseout.engine.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import nl.phaseout.engine.process.EndpointCounts;
import nl.phaseout.engine.system.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * The per-organisation counts rows. Locking a row ({@code SELECT ... FOR UPDATE}, inserting it
 * first when absent) serialises everything that reads or changes that organisation's inventory.
 */
@Repository
class CountsRepository {

	private static final int CHUNK = 500;

	private static final String COLUMNS = "organisation_id, total, banned, protected_count, unprotected, retired,"
			+ " inventory_time";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final Supplier<SqlDialect> dialect;

	/** Per transaction (its connection holder, dropped with it), the keys of the rows it has locked. */
	private final Map<ConnectionHolder, Map<String, CountsRow>> held = new WeakHashMap<>();

	private final DataSource dataSource;

	CountsRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
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
		Map<String, CountsRow> heldNow = heldInThisTransaction();
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
			.forEach((organisationId, row) -> heldNow.put(key(campaignId, organisationId), row)));
		return counts;
	}

	CountsRow lock(String campaignId, String organisationId) {
		CountsRow held = heldInThisTransaction().get(key(campaignId, organisationId));
		if (held != null) {
			return held;
		}
		return lock(List.of(campaignId), List.of(organisationId)).get(campaignId)
			.getOrDefault(organisationId, CountsRow.ZERO);
	}

	/**
	 * The rows the current transaction has locked, as they are now: it holds them until it ends, and
	 * nobody else can change them meanwhile. The process asks for the same organisation's lock at every
	 * condition, listener and delegate of one step, and a lock held need not be taken again, nor the row
	 * read again (on H2 both statements of a lock write). By the transaction's connection holder, which a
	 * new transaction has a new one of, suspended or not; outside a transaction, where a lock ends with
	 * its statement, a map that keeps nothing.
	 */
	private Map<String, CountsRow> heldInThisTransaction() {
		Object holder = TransactionSynchronizationManager.getResource(dataSource);
		if (!(holder instanceof ConnectionHolder connection) || !connection.isSynchronizedWithTransaction()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			return new HashMap<>();
		}
		synchronized (held) {
			return held.computeIfAbsent(connection, transaction -> new ConcurrentHashMap<>());
		}
	}

	private static String key(String campaignId, String organisationId) {
		return campaignId + '\u0000' + organisationId;
	}

	void update(String campaignId, Map<String, CountsRow> counts) {
		List<Object[]> rows = new ArrayList<>();
		counts.forEach((organisationId, row) -> {
			EndpointCounts c = row.counts();
			rows.add(new Object[] { c.total(), c.banned(), c.protectedCount(), c.unprotected(), c.retired(),
					SqlTime.timestamp(row.inventoryTime()), campaignId, organisationId });
		});
		jdbc.batchUpdate("UPDATE inv_endpoint_counts SET total = ?, banned = ?, protected_count = ?,"
				+ " unprotected = ?, retired = ?, inventory_time = ? WHERE campaign_id = ? AND organisation_id = ?",
				rows);
		Map<String, CountsRow> heldNow = heldInThisTransaction();
		counts.forEach((organisationId, row) -> heldNow.computeIfPresent(key(campaignId, organisationId),
				(key, before) -> row));
	}

	Optional<CountsRow> find(String campaignId, String organisationId) {
		return jdbc.query("SELECT " + COLUMNS + " FROM inv_endpoint_counts WHERE campaign_id = ?"
				+ " AND organisation_id = ?", (rs, row) -> counts(rs), campaignId, organisationId).stream().findFirst();
	}

	private static CountsRow counts(ResultSet rs) throws SQLException {
		return new CountsRow(new EndpointCounts(rs.getLong("total"), rs.getLong("banned"), rs.getLong("protected_count"),
				rs.getLong("unprotected"), rs.getLong("retired")), SqlTime.instant(rs, "inventory_time"));
	}

}
