package nl.phaseout.engine.inventory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class H2CampaignAdoptionTest extends CampaignAdoptionContract {

	private static ProjectionFixture shared;

	@Override
	ProjectionFixture fixture() {
		if (shared == null) {
			var dataSource = new DriverManagerDataSource("jdbc:h2:mem:campaign-adoption;DB_CLOSE_DELAY=-1", "sa", "");
			new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS");
			shared = new ProjectionFixture(dataSource);
		}
		return shared;
	}

}
