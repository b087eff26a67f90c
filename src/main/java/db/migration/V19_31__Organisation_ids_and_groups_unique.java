package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An organisation id is unique regardless of case ({@code min-jenv} next to {@code MIN-JENV} would
 * make its project managers another organisation's), and a project managers' group serves one
 * organisation. Registration checks both; these indexes hold them when two registrations race.
 * PostgreSQL indexes {@code LOWER(id)}; H2, which has no index on an expression, a generated
 * column. An installation that already has such duplicates keeps them (they cannot be undone
 * without removing an organisation and its processes): the index is then left out, with a warning
 * naming them, and registration's own check still refuses new ones.
 */
public class V19_31__Organisation_ids_and_groups_unique extends BaseJavaMigration {

	private static final Logger log = LoggerFactory.getLogger(V19_31__Organisation_ids_and_groups_unique.class);

	@Override
	public void migrate(Context context) throws Exception {
		boolean h2 = context.getConnection()
			.getMetaData()
			.getDatabaseProductName()
			.toLowerCase(Locale.ROOT)
			.contains("h2");
		try (Statement statement = context.getConnection().createStatement()) {
			List<String> ids = duplicates(statement, "LOWER(id)");
			if (ids.isEmpty()) {
				if (h2) {
					statement.execute("ALTER TABLE organisation ADD COLUMN id_folded VARCHAR(64) INVISIBLE"
							+ " GENERATED ALWAYS AS (LOWER(id))");
					statement.execute("CREATE UNIQUE INDEX organisation_id_folded ON organisation (id_folded)");
				}
				else {
					statement.execute("CREATE UNIQUE INDEX organisation_id_folded ON organisation (LOWER(id))");
				}
			}
			else {
				log.warn("Organisation ids that differ only in case are registered already ({}); registration refuses"
						+ " new ones, but the database's index for it is left out", ids);
			}
			List<String> groups = duplicates(statement, "pm_group");
			if (groups.isEmpty()) {
				statement.execute("CREATE UNIQUE INDEX organisation_pm_group ON organisation (pm_group)");
			}
			else {
				log.warn("Project managers' groups serve more than one organisation already ({}); registration refuses"
						+ " new ones, but the database's index for it is left out", groups);
			}
		}
	}

	private static List<String> duplicates(Statement statement, String expression) throws Exception {
		List<String> found = new ArrayList<>();
		try (ResultSet rs = statement.executeQuery("SELECT " + expression + " FROM organisation GROUP BY " + expression
				+ " HAVING COUNT(*) > 1")) {
			while (rs.next()) {
				found.add(rs.getString(1));
			}
		}
		return found;
	}

}
