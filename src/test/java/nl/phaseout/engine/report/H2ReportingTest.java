package nl.phaseout.engine.report;

import org.junit.jupiter.api.BeforeAll;

/** The reporting contract on H2 in file mode, as the embedded defaults run it. */
class H2ReportingTest extends ReportingContract {

	private static ReportingFixture fixture;

	@BeforeAll
	static void database() throws Exception {
		fixture = ReportingFixture.h2();
	}

	@Override
	ReportingFixture fixture() {
		return fixture;
	}

}
