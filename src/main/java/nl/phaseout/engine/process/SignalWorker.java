package nl.phaseout.engine.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.phaseout.engine.inventory.Signal;
import nl.phaseout.engine.process.ProcessInbox.Lane;
import nl.phaseout.engine.process.ProcessInbox.Recorded;
import nl.phaseout.engine.system.BackgroundLoop;
import nl.phaseout.engine.system.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers what the {@link ProcessInbox} holds to the {@link PhaseoutProcess}, outside the
 * recording transaction, so that a burst of inventory is projected at the projection's pace and
 * the engine's work (tasks, authorizations, history) is done in rounds of its own. Several
 * threads ({@code phaseout.process.workers}), each with its {@link Lane} of the organisations,
 * so one organisation's signals keep their order. A thread is woken when signals of its lane
 * commit (it then waits 100 ms for the signals of the next commits to join the round), and every
 * second in case a wake-up was missed (another node, a restart, a postponed signal). A round
 * claims the organisations of up to {@link #round} due signals that no other worker holds
 * ({@link ProcessInbox#claim}), delivers each distinct signal once, in one transaction, so its
 * commit is shared; when the round fails, each organisation is retried in a transaction of its
 * own, and one that still fails keeps its signals with the error, to be tried again later (after
 * 1, 2, 4 ... seconds, at most five minutes). Delivery is at least once: every call is safe when
 * the process is not waiting for it. Stopping lets a round that has begun finish and commit.
 * <p>
 * Meters (names kept from when ingestion owned them): {@code phaseout.inventory.advancements},
 * counted once a round has committed, {@code phaseout.inventory.signals.pending} and
 * {@code .failed}.
 */
@Component
class SignalWorker extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(SignalWorker.class);

	/** A round's organisations at most on PostgreSQL, unless {@code phaseout.process.round} says otherwise. */
	static final int ROUND = 100;

	/** A round's organisations at most on H2: its page cache holds what a round changed until the commit. */
	static final int ROUND_ON_H2 = 25;

	/**
	 * How many rounds' worth of organisations a worker looks through, the oldest first, for some that
	 * no other worker holds: the same lane's worker on every node reads the same oldest signals, and
	 * without looking further all but one would find everything claimed and sleep.
	 */
	static final int PAGES = 10;

	/** How long a wake-up waits for more signals to join its round: a commit costs the same for one or many. */
	private static final Duration GATHER = Duration.ofMillis(100);

	private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

	private final ProcessInbox inbox;

	private final TransactionTemplate transaction;

	private final PhaseoutProcess process;

	private final Counter advancements;

	private final Counter failed;

	private final List<Lane> lanes;

	private final List<BackgroundLoop> loops;

	private final int round;

	/**
	 * Whether a round makes its new organisations claimable in its own transaction (H2) or commits them
	 * first (PostgreSQL). On H2 every commit writes each page changed since the last, the ingestion's too, so
	 * the round's commit is the only one; H2 is one node's. On PostgreSQL another node's worker that picks the
	 * same new organisation waits for their rows to commit: for a moment, not for a whole round.
	 */
	private final boolean claimsInRound;

	SignalWorker(ProcessInbox inbox, PlatformTransactionManager transactionManager, PhaseoutProcess process,
			MeterRegistry registry, ProcessProperties properties) {
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
		this.round = properties.round() != null ? properties.round() : inbox.onH2() ? ROUND_ON_H2 : ROUND;
		this.claimsInRound = inbox.onH2();
		int workers = properties.workers();
		this.lanes = IntStream.range(0, workers).mapToObj(index -> new Lane(index, workers)).toList();
		this.loops = lanes.stream()
			.map(lane -> loop("process-signals-" + (lane.index() + 1), GATHER, () -> deliverDue(lane) > 0))
			.toList();
		inbox.onCommit(this::wake);
	}

	private void wake(Set<Integer> laneKeys) {
		for (int i = 0; i < lanes.size(); i++) {
			Lane lane = lanes.get(i);
			if (laneKeys.stream().anyMatch(lane::holds)) {
				loops.get(i).wake();
			}
		}
	}

	/**
	 * One round of the lane: delivers the due signals of the organisations it could claim, from up
	 * to {@link #round} due signals, the oldest first; when another node's worker holds all of those,
	 * from the next {@link #round} (up to {@value #PAGES} times). Returns how many signals it took,
	 * delivered or postponed (none: nothing is due that this worker may take now).
	 */
	int deliverDue(Lane lane) {
		Set<String> heldElsewhere = new HashSet<>();
		for (int page = 0; page < PAGES; page++) {
			List<String> organisations = inbox.dueOrganisations(lane, round, heldElsewhere);
			if (organisations.isEmpty()) {
				return 0;
			}
			if (!claimsInRound && !inbox.unclaimable(organisations).isEmpty()) {
				transaction.executeWithoutResult(status -> inbox.createMissingClaims(organisations));
			}
			List<Recorded> taken = new ArrayList<>();
			try {
				Integer calls = transaction.execute(status -> {
					if (claimsInRound) {
						inbox.createMissingClaims(organisations);
					}
					List<Recorded> claimed = inbox.claim(organisations);
					taken.addAll(claimed);
					return deliver(claimed);
				});
				advancements.increment(calls == null ? 0 : calls);
			}
			catch (RuntimeException roundFailed) {
				log.debug("A round for {} organisation(s) failed; delivering them one by one", organisations.size(),
						roundFailed);
				return organisations.stream().sorted().mapToInt(this::deliverAlone).sum();
			}
			if (!taken.isEmpty()) {
				return taken.size();
			}
			// all held by the same lane's worker on another node, which took the oldest: the next ones, then
			heldElsewhere.addAll(organisations);
		}
		return 0;
	}

	/**
	 * Delivers the claimed signals, each distinct one once, in delivery order, and deletes them. The
	 * round's organisations share one engine command per pass, so that the engine flushes their changes
	 * together (one batch of each statement for all of them) instead of once per organisation.
	 */
	private int deliver(List<Recorded> claimed) {
		// in delivery order (by organisation, as ingestion locks them): the two never wait for each other in a circle
		SortedSet<Signal> distinct = new TreeSet<>();
		claimed.forEach(recorded -> distinct.add(recorded.signal()));
		for (List<Signal> pass : passes(distinct)) {
			process.inOneCommand(() -> pass.forEach(this::deliver));
		}
		inbox.delete(claimed);
		return distinct.size();
	}

	/**
	 * The signals in passes: every organisation's first, then the second of those that have one, and so
	 * on, each pass in delivery order. The engine writes a command's changes when it ends, and its queries
	 * read the database: an organisation's later signal must find what its earlier one changed (a task
	 * the first created, say), so it comes in a later command. The locks a later pass takes are held
	 * already: the first pass took every organisation's, in delivery order.
	 */
	static List<List<Signal>> passes(SortedSet<Signal> distinct) {
		List<List<Signal>> passes = new ArrayList<>();
		String organisation = null;
		int index = 0;
		for (Signal signal : distinct) {
			index = signal.organisationId().equals(organisation) ? index + 1 : 0;
			organisation = signal.organisationId();
			if (passes.size() == index) {
				passes.add(new ArrayList<>());
			}
			passes.get(index).add(signal);
		}
		return passes;
	}

	/** Delivers one organisation's signals in a transaction of their own; on failure postpones them. */
	private int deliverAlone(String organisationId) {
		List<Recorded> taken = new ArrayList<>();
		try {
			Integer calls = transaction.execute(status -> {
				// the failed round's claims went with it
				inbox.createMissingClaims(List.of(organisationId));
				List<Recorded> claimed = inbox.claim(List.of(organisationId));
				taken.addAll(claimed);
				return deliver(claimed);
			});
			advancements.increment(calls == null ? 0 : calls);
		}
		catch (RuntimeException ex) {
			int attempts = taken.stream().mapToInt(Recorded::attempts).max().orElse(0) + 1;
			Duration delay = backoff(attempts);
			log.warn("Telling the process of {} what happened failed (attempt {}); trying again in {} s: {}",
					organisationId, attempts, delay.toSeconds(), ex.toString());
			failed.increment();
			transaction.executeWithoutResult(status -> inbox.postpone(taken, delay, ex.toString()));
		}
		return taken.size();
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

	/** How many due signals, and so organisations at most, one round delivers in one transaction. */
	int round() {
		return round;
	}

	static Duration backoff(int attempts) {
		Duration delay = Duration.ofSeconds(1L << Math.min(attempts - 1, 16));
		return delay.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : delay;
	}

	@Override
	public void stop() {
		super.stop();
		log.info("Process signal workers stopped, their rounds finished; {} signal(s) left for the next start or"
				+ " another node", inbox.pending());
	}

}
