package nl.phaseout.engine.inventory;

import nl.phaseout.engine.tags.NeedsPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Needs PostgreSQL at 127.0.0.1:5432, database {@code test}, user {@code postgres}; uses schema {@code adoption_test}. */
@NeedsPostgres
class PostgresCampaignAdoptionTest extends CampaignAdoptionContract {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static ProjectionFixture shared;

	@Override
	ProjectionFixture fixture() {
		if (shared == null) {
			var admin = new JdbcTemplate(new DriverManagerDataSource(URL, "postgres", ""));
			admin.execute("DROP SCHEMA IF EXISTS adoption_test CASCADE");
			admin.execute("CREATE SCHEMA adoption_test");
			shared = new ProjectionFixture(
					new DriverManagerDataSource(URL + "?currentSchema=adoption_test", "postgres", ""));
		}
		return shared;
	}

}
