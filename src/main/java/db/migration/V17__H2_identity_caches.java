package db.migration;

import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: the identity columns of the tables written on every event or advancement take their
 * numbers 1,000 at a time rather than 32. H2 commits its whole store each time an identity's cache
 * runs out, beneath the transaction that asked, which cost the process's signal workers about a
 * seventh of their time. Numbers stay in the order they are taken (one process holds the H2 file);
 * a restart only skips the rest of the cached block. PostgreSQL keeps its per-session default of 1:
 * with a larger cache, each connection would take numbers from a block of its own, and the outbox,
 * the record and the inbox are read in the order of their ids.
 */
public class V17__H2_identity_caches extends BaseJavaMigration {

	private static final Map<String, String> IDENTITIES = Map.of("status_outbox", "id", "record_entry", "id",
			"process_signal", "id", "inv_parked_event", "seq", "inv_reclassification", "id");

	@Override
	public void migrate(Context context) throws Exception {
		String product = context.getConnection().getMetaData().getDatabaseProductName();
		if (!product.toLowerCase(Locale.ROOT).contains("h2")) {
			return;
		}
		try (Statement statement = context.getConnection().createStatement()) {
			for (Map.Entry<String, String> identity : IDENTITIES.entrySet()) {
				statement.execute("ALTER TABLE " + identity.getKey() + " ALTER COLUMN " + identity.getValue()
						+ " SET CACHE 1000");
			}
		}
	}

}
