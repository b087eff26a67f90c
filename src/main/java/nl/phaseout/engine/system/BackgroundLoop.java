package nl.phaseout.engine.system;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that drains a table in rounds: woken when something was committed for it,
 * and every second in case a wake-up was missed (another node's commit, a restart, work that
 * was postponed). After a wake-up it may wait a moment for more to join the round. A failing
 * round is logged and tried again a second later. Its {@link BackgroundWorker} starts and stops
 * it with the application; stopping lets a round that has begun finish, so its transaction
 * commits, and begins no other.
 */
public final class BackgroundLoop {

	/** One round; returns whether more is waiting, so the next round should follow at once. */
	@FunctionalInterface
	public interface Round {

		boolean run();

	}

	private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

	private final String name;

	private final Duration gather;

	private final Round round;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile Thread thread;

	private volatile Thread stopping;

	/** How long stopping waits for the round in progress. */
	private static final Duration FINISH_ROUND = Duration.ofSeconds(30);

	/**
	 * @param name the thread's name, also used in the log
	 * @param gather how long a wake-up waits for more work to join its round ({@code Duration.ZERO}: none)
	 */
	BackgroundLoop(String name, Duration gather, Round round) {
		this.name = name;
		this.gather = gather;
		this.round = round;
	}

	public void wake() {
		wakeUps.release();
	}

	void start() {
		Thread started = new Thread(this::run, name);
		started.setDaemon(true);
		thread = started;
		started.start();
	}

	/** Asks the loop to stop after the round it is in, without waiting for it. */
	void requestStop() {
		Thread running = thread;
		thread = null;
		stopping = running == null ? stopping : running;
		wakeUps.release();
	}

	/** Stops the loop: lets the round it is in finish (for up to {@code 30 s}), then returns. */
	void stop() {
		requestStop();
		Thread running = stopping;
		if (running != null) {
			try {
				running.join(FINISH_ROUND.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (running.isAlive()) {
				log.warn("{}: the round in progress did not finish within {} s; leaving it", name,
						FINISH_ROUND.toSeconds());
			}
		}
	}

	boolean isRunning() {
		return thread != null;
	}

	private boolean running() {
		return thread == Thread.currentThread();
	}

	private void run() {
		while (running()) {
			try {
				if (wakeUps.tryAcquire(1, TimeUnit.SECONDS) && !gather.isZero() && running()) {
					TimeUnit.MILLISECONDS.sleep(gather.toMillis());
				}
				wakeUps.drainPermits();
				while (running() && round.run()) {
					// more waiting
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("{}: a round failed; trying again in a second: {}", name, ex.toString());
			}
		}
	}

}
