package nl.phaseout.engine.inventory;

import java.util.Locale;
import java.util.UUID;

import nl.phaseout.engine.tags.NeedsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Needs PostgreSQL at 127.0.0.1:5432, database {@code test}, user {@code postgres}; a schema of its own. */
@NeedsPostgres
class PostgresReportingSourcesTest extends ReportingSourcesContract {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String SCHEMA = "reporting_sources_"
			+ UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

	private static Fixture shared;

	@Override
	Fixture fixture() {
		if (shared == null) {
			admin().execute("CREATE SCHEMA " + SCHEMA);
			shared = new Fixture(new DriverManagerDataSource(URL + "?currentSchema=" + SCHEMA, "postgres", ""));
		}
		return shared;
	}

	@AfterAll
	static void dropSchema() {
		if (shared != null) {
			admin().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	private static JdbcTemplate admin() {
		return new JdbcTemplate(new DriverManagerDataSource(URL, "postgres", ""));
	}

}
