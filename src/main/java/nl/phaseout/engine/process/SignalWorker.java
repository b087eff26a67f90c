package nl.phaseout.engine.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.phaseout.engine.process.ProcessInbox.Recorded;
import nl.phaseout.engine.system.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers what the {@link ProcessInbox} holds to the {@link PhaseoutProcess}, outside the
 * recording transaction, so that a burst of inventory is projected at the projection's pace and
 * the engine's work (tasks, authorizations, history) is done in rounds of its own. One thread:
 * woken when signals commit (it then waits 100 ms for the signals of the next commits to join
 * the round), and every second in case a wake-up was missed (another node, a restart, a
 * postponed signal). A round delivers up to {@value #ROUND} signals, each distinct one once, in
 * one transaction, so its commit is shared; when the round fails, each signal is retried in a
 * transaction of its own, and one that still fails stays with its error and is tried again
 * later (after 1, 2, 4 ... seconds, at most five minutes). Delivery is at least once: every
 * call is safe when the process is not waiting for it.
 * <p>
 * Meters (names kept from when ingestion owned them): {@code phaseout.inventory.advancements},
 * counted once a round has committed, {@code phaseout.inventory.signals.pending} and
 * {@code .failed}.
 */
@Component
class SignalWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SignalWorker.class);

	static final int ROUND = 100;

	/** How long a wake-up waits for more signals to join its round: a commit costs the same for one or many. */
	private static final Duration GATHER = Duration.ofMillis(100);

	private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

	private final ProcessInbox inbox;

	private final TransactionTemplate transaction;

	private final PhaseoutProcess process;

	private final Counter advancements;

	private final Counter failed;

	private final BackgroundLoop loop = new BackgroundLoop("process-signals", GATHER, () -> deliverDue() == ROUND);

	SignalWorker(ProcessInbox inbox, PlatformTransactionManager transactionManager, PhaseoutProcess process,
			MeterRegistry registry) {
		this.inbox = inbox;
		this.transaction = new TransactionTemplate(transactionManager);
		this.process = process;
		this.advancements = Counter.builder("phaseout.inventory.advancements")
			.description("Calls into the phase-out process made for inventory changes")
			.register(registry);
		this.failed = Counter.builder("phaseout.inventory.signals.failed")
			.description("Deliveries of a process signal that failed and were postponed")
			.register(registry);
		Gauge.builder("phaseout.inventory.signals.pending", inbox, ProcessInbox::pending)
			.description("Process signals recorded and not delivered yet")
			.register(registry);
		inbox.onCommit(loop::wake);
	}

	/**
	 * One round: delivers the due signals, up to {@value #ROUND}; returns how many it took,
	 * delivered or postponed.
	 */
	int deliverDue() {
		List<Recorded> due = inbox.due(ROUND);
		if (due.isEmpty()) {
			return 0;
		}
		// in delivery order (by organisation, as ingestion locks them): the two never wait for each other in a circle
		Map<Signal, List<Recorded>> distinct = new TreeMap<>();
		due.forEach(recorded -> distinct.computeIfAbsent(recorded.signal(), signal -> new ArrayList<>()).add(recorded));
		try {
			int calls = transaction.execute(status -> {
				distinct.keySet().forEach(this::deliver);
				inbox.delete(due);
				return distinct.size();
			});
			advancements.increment(calls);
		}
		catch (RuntimeException roundFailed) {
			log.debug("A round of {} process signals failed; delivering them one by one", due.size(), roundFailed);
			distinct.forEach(this::deliverAlone);
		}
		return due.size();
	}

	private void deliverAlone(Signal signal, List<Recorded> recorded) {
		try {
			transaction.executeWithoutResult(status -> {
				deliver(signal);
				inbox.delete(recorded);
			});
			advancements.increment();
		}
		catch (RuntimeException ex) {
			int attempts = recorded.stream().mapToInt(Recorded::attempts).max().orElse(0) + 1;
			Duration delay = backoff(attempts);
			log.warn("Telling the process {} for {} failed (attempt {}); trying again in {} s: {}", signal.kind(),
					signal.organisationId(), attempts, delay.toSeconds(), ex.toString());
			failed.increment();
			transaction.executeWithoutResult(status -> inbox.postpone(recorded, delay, ex.toString()));
		}
	}

	private void deliver(Signal signal) {
		switch (signal.kind()) {
			case INVENTORY_CHANGED -> process.inventoryChanged(signal.organisationId());
			case ALTERNATIVE_SELECTED -> process.alternativeSelected(signal.organisationId());
			case CONTRACT_TERMINATED -> process.contractTerminated(signal.organisationId());
			// while the organisation's process runs, INVENTORY_CHANGED tells it; this one may reopen a phase-out
			case BANNED_APPEARED -> process.regression(signal.campaignId(), signal.organisationId());
		}
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
