package nl.phaseout.engine.report;

import nl.phaseout.engine.tags.NeedsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The reporting contract on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@NeedsPostgres
class PostgresReportingTest extends ReportingContract {

	private static ReportingFixture fixture;

	@BeforeAll
	static void database() {
		fixture = ReportingFixture.postgres();
	}

	@AfterAll
	static void dropSchema() {
		fixture.dropPostgresSchema();
	}

	@Override
	ReportingFixture fixture() {
		return fixture;
	}

}
