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
 * round is logged and tried again a second later. The owner starts and stops it with the
 * application (a {@code SmartLifecycle}).
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

	/**
	 * @param name the thread's name, also used in the log
	 * @param gather how long a wake-up waits for more work to join its round ({@code Duration.ZERO}: none)
	 */
	public BackgroundLoop(String name, Duration gather, Round round) {
		this.name = name;
		this.gather = gather;
		this.round = round;
	}

	public void wake() {
		wakeUps.release();
	}

	public void start() {
		Thread started = new Thread(this::run, name);
		started.setDaemon(true);
		thread = started;
		started.start();
	}

	public void stop() {
		Thread running = thread;
		thread = null;
		if (running != null) {
			running.interrupt();
			try {
				running.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public boolean isRunning() {
		return thread != null;
	}

	private void run() {
		while (thread == Thread.currentThread()) {
			try {
				if (wakeUps.tryAcquire(1, TimeUnit.SECONDS) && !gather.isZero()) {
					TimeUnit.MILLISECONDS.sleep(gather.toMillis());
				}
				wakeUps.drainPermits();
				while (round.run() && thread == Thread.currentThread()) {
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
