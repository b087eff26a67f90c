package nl.phaseout.engine.inventory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class H2ReportingSourcesTest extends ReportingSourcesContract {

	private static Fixture shared;

	@Override
	Fixture fixture() {
		if (shared == null) {
			var dataSource = new DriverManagerDataSource(
					"jdbc:h2:mem:reporting-sources;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000", "sa", "");
			new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS");
			shared = new Fixture(dataSource);
		}
		return shared;
	}

}
