package nl.phaseout.engine.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import nl.phaseout.engine.inventory.ProcessSignal.What;
import nl.phaseout.engine.system.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Tells the process what ingestion recorded, outside ingestion's transaction, so that a burst
 * of inventory is projected at the projection's pace and the engine's work (tasks,
 * authorizations, history) is done in rounds of its own. One thread: woken when a batch with
 * signals commits (it then waits 100 ms for the signals of the next commits to join the
 * round), and every second in case a wake-up was missed (another node, a restart, a
 * postponed signal). A round delivers up to {@value #ROUND} signals, each distinct one once,
 * in one transaction, so its commit is shared; when the round fails, each signal is retried
 * in a transaction of its own, and one that still fails stays with its error and is tried
 * again later (after 1, 2, 4 ... seconds, at most five minutes). Delivery is at least once:
 * every call is safe when the process is not waiting for it.
 */
@Component
class ProcessSignalWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProcessSignalWorker.class);

	static final int ROUND = 100;

	/** How long a wake-up waits for more signals to join its round: a commit costs the same for one or many. */
	private static final Duration GATHER = Duration.ofMillis(100);

	private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

	static final Comparator<What> DELIVERY_ORDER = Comparator.comparing(What::organisationId)
		.thenComparing(what -> what.campaignId() == null ? "" : what.campaignId())
		.thenComparing(What::kind);

	private static final Advancement NOBODY = new Advancement() {
		@Override
		public void inventoryChanged(String organisationId) {
		}

		@Override
		public void alternativeSelected(String organisationId) {
		}

		@Override
		public void contractTerminated(String organisationId) {
		}

		@Override
		public void regression(String campaignId, String organisationId) {
		}
	};

	private final ProcessSignals signals;

	private final TransactionTemplate transaction;

	private final InventoryMetrics metrics;

	private final Supplier<Advancement> advancement;

	private final BackgroundLoop loop = new BackgroundLoop("process-signals", GATHER, () -> deliverDue() == ROUND);

	ProcessSignalWorker(ProcessSignals signals, PlatformTransactionManager transactionManager,
			InventoryMetrics metrics, ObjectProvider<Advancement> advancement) {
		this.signals = signals;
		this.transaction = new TransactionTemplate(transactionManager);
		this.metrics = metrics;
		this.advancement = SingletonSupplier.of(() -> advancement.getIfAvailable(() -> {
			log.warn("No Advancement bean: inventory changes are projected but no process is told");
			return NOBODY;
		}));
		metrics.signalsPending(signals);
	}

	/** Called once signals have committed. */
	void wake() {
		loop.wake();
	}

	/**
	 * One round: delivers the due signals, up to {@value #ROUND}; returns how many it took,
	 * delivered or postponed.
	 */
	int deliverDue() {
		List<ProcessSignal> due = signals.due(ROUND);
		if (due.isEmpty()) {
			return 0;
		}
		// in organisation order, as ingestion locks them: the two never wait for each other in a circle
		Map<What, List<ProcessSignal>> distinct = new TreeMap<>(DELIVERY_ORDER);
		due.forEach(signal -> distinct.computeIfAbsent(signal.what(), what -> new ArrayList<>()).add(signal));
		try {
			int calls = transaction.execute(status -> {
				int made = 0;
				for (What what : distinct.keySet()) {
					made += deliver(what);
				}
				signals.delete(due);
				return made;
			});
			metrics.advancements(calls);
		}
		catch (RuntimeException roundFailed) {
			log.debug("A round of {} process signals failed; delivering them one by one", due.size(), roundFailed);
			distinct.forEach(this::deliverAlone);
		}
		return due.size();
	}

	private void deliverAlone(What what, List<ProcessSignal> recorded) {
		try {
			int calls = transaction.execute(status -> {
				int made = deliver(what);
				signals.delete(recorded);
				return made;
			});
			metrics.advancements(calls);
		}
		catch (RuntimeException ex) {
			int attempts = recorded.stream().mapToInt(ProcessSignal::attempts).max().orElse(0) + 1;
			Duration delay = backoff(attempts);
			log.warn("Telling the process {} for {} failed (attempt {}); trying again in {} s: {}", what.kind(),
					what.organisationId(), attempts, delay.toSeconds(), ex.toString());
			metrics.signalFailed();
			transaction.executeWithoutResult(status -> signals.postpone(recorded, delay, ex.toString()));
		}
	}

	/** Makes the process call a signal asks for; returns how many calls it made (0 or 1). */
	private int deliver(What what) {
		Advancement process = advancement.get();
		switch (what.kind()) {
			case INVENTORY_CHANGED -> process.inventoryChanged(what.organisationId());
			case ALTERNATIVE_SELECTED -> process.alternativeSelected(what.organisationId());
			case CONTRACT_TERMINATED -> process.contractTerminated(what.organisationId());
			// while the organisation's process runs, INVENTORY_CHANGED tells it; this one reopens a phase-out
			case BANNED_APPEARED -> process.regression(what.campaignId(), what.organisationId());
		}
		return 1;
	}

	static Duration backoff(int attempts) {
		Duration delay = Duration.ofSeconds(1L << Math.min(attempts - 1, 16));
		return delay.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : delay;
	}

	@Override
	public void start() {
		loop.start();
	}

	@Override
	public void stop() {
		loop.stop();
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}

}
