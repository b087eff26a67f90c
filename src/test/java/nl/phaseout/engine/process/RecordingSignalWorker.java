package nl.phaseout.engine.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The process's inbox and its worker over a real database, delivering to a process that
 * remembers each call as a line ({@code "inventoryChanged ORG"}, {@code "regression CAMPAIGN ORG"})
 * instead of moving an engine: for tests of what ingestion records and how it is delivered.
 */
public final class RecordingSignalWorker {

	public final List<String> calls = new ArrayList<>();

	/** Calls for this organisation fail, as an engine that refuses them would. */
	public volatile String failFor;

	private final ProcessInbox inbox;

	private final SignalWorker worker;

	public RecordingSignalWorker(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			MeterRegistry registry) {
		this.inbox = new ProcessInbox(jdbc);
		this.worker = new SignalWorker(inbox, transactionManager, new RecordingProcess(), registry,
				new ProcessProperties(1, SignalWorker.ROUND));
	}

	public ProcessInbox inbox() {
		return inbox;
	}

	/** One round of the worker; returns how many signals it took, delivered or postponed. */
	public int deliverDue() {
		return worker.deliverDue(new ProcessInbox.Lane(0, 1));
	}

	public static Duration backoff(int attempts) {
		return SignalWorker.backoff(attempts);
	}

	private final class RecordingProcess extends PhaseoutProcess {

		RecordingProcess() {
			super(null, null, null, null, null, null, null);
		}

		@Override
		void inOneCommand(Runnable deliveries) {
			deliveries.run();
		}

		@Override
		public void inventoryChanged(String organisationId) {
			record("inventoryChanged " + organisationId);
		}

		@Override
		public void alternativeSelected(String organisationId) {
			record("alternativeSelected " + organisationId);
		}

		@Override
		public void contractTerminated(String organisationId) {
			record("contractTerminated " + organisationId);
		}

		@Override
		public boolean regression(String campaignId, String organisationId) {
			record("regression " + campaignId + " " + organisationId);
			return false;
		}

		private void record(String call) {
			if (failFor != null && call.endsWith(" " + failFor)) {
				throw new IllegalStateException("process refused " + call);
			}
			calls.add(call);
		}

	}

}
