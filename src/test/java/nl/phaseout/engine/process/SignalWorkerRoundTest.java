package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.phaseout.engine.tags.NeedsPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * How many organisations a round delivers by default depends on the database: fewer on H2, whose page
 * cache must hold what a round changed until it commits; an operator's setting wins on either.
 */
@NeedsPostgres
class SignalWorkerRoundTest {

	@Test
	void aRoundOnH2IsSmallerThanOnPostgresqlUnlessSet() {
		var h2 = new DriverManagerDataSource("jdbc:h2:mem:signal-worker-round;DB_CLOSE_DELAY=-1", "sa", "");
		var postgres = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");

		assertThat(worker(h2, null).round()).isEqualTo(SignalWorker.ROUND_ON_H2);
		assertThat(worker(postgres, null).round()).isEqualTo(SignalWorker.ROUND);
		assertThat(worker(h2, 60).round()).isEqualTo(60);
		assertThat(worker(postgres, 7).round()).isEqualTo(7);
		assertThat(SignalWorker.ROUND_ON_H2).isLessThan(SignalWorker.ROUND);
	}

	private static SignalWorker worker(DriverManagerDataSource dataSource, Integer round) {
		return new SignalWorker(new ProcessInbox(new JdbcTemplate(dataSource)),
				new DataSourceTransactionManager(dataSource), null, new SimpleMeterRegistry(),
				new ProcessProperties(1, round));
	}

}
