package nl.phaseout.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The status outbox writes a transaction's events when it commits, in one batch and in the order they were
 * appended; a rolled-back transaction leaves none; outside a transaction an event is written at once; a
 * transaction of its own inside another writes its events at its own commit.
 */
class StatusOutboxTest {

	private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

	@Test
	void aTransactionsEventsAreWrittenAtItsCommitInTheirOrder() throws Exception {
		ReportingFixture fixture = ReportingFixture.h2();

		fixture.transaction.executeWithoutResult(status -> {
			fixture.outbox.append("test.first", "ORG-1", Map.of("n", 1), AT);
			fixture.outbox.append("test.second", "ORG-2", Map.of("n", 2), AT);
			fixture.outbox.append("test.third", "ORG-1", Map.of("n", 3), AT);
			// held for the commit: nothing is written while the transaction runs
			assertThat(types(fixture)).isEmpty();
		});

		assertThat(types(fixture)).containsExactly("test.first", "test.second", "test.third");
		assertThat(fixture.jdbc.queryForList("SELECT event_key FROM status_outbox ORDER BY id", String.class))
			.containsExactly("ORG-1", "ORG-2", "ORG-1");
	}

	@Test
	void aRolledBackTransactionLeavesNoEvent() throws Exception {
		ReportingFixture fixture = ReportingFixture.h2();

		fixture.transaction.executeWithoutResult(status -> {
			fixture.outbox.append("test.lost", "ORG-1", Map.of(), AT);
			status.setRollbackOnly();
		});

		assertThat(types(fixture)).isEmpty();
	}

	@Test
	void outsideATransactionAnEventIsWrittenAtOnce() throws Exception {
		ReportingFixture fixture = ReportingFixture.h2();

		fixture.outbox.append("test.now", "ORG-1", Map.of(), AT);

		assertThat(types(fixture)).containsExactly("test.now");
	}

	@Test
	void aTransactionOfItsOwnInsideAnotherWritesItsEventsAtItsOwnCommit() throws Exception {
		ReportingFixture fixture = ReportingFixture.h2();
		TransactionTemplate own = new TransactionTemplate(fixture.transaction.getTransactionManager());
		own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

		fixture.transaction.executeWithoutResult(outer -> {
			fixture.outbox.append("test.outer", "ORG-1", Map.of(), AT);
			own.executeWithoutResult(inner -> fixture.outbox.append("test.inner", "ORG-2", Map.of(), AT));
			assertThat(types(fixture)).containsExactly("test.inner");
		});

		assertThat(types(fixture)).containsExactly("test.inner", "test.outer");
	}

	private static List<String> types(ReportingFixture fixture) {
		return fixture.jdbc.queryForList("SELECT event_type FROM status_outbox ORDER BY id", String.class);
	}

}
