package nl.phaseout.engine.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.SmartLifecycle;

/**
 * A component whose work runs on {@link BackgroundLoop}s: it declares them with {@link #loop},
 * and they start and stop with the application (the default {@code SmartLifecycle} phase).
 * Stopping asks every loop to stop before it waits for any, so their rounds in progress finish
 * side by side, and returns when all have finished.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

	private final List<BackgroundLoop> loops = new ArrayList<>();

	/**
	 * Declares a loop, to be called while the worker is built (a field or the constructor).
	 * @param name the thread's name, also used in the log
	 * @param gather how long a wake-up waits for more work to join its round ({@code Duration.ZERO}: none)
	 * @param round one round of the work; returns whether more is waiting
	 */
	protected final BackgroundLoop loop(String name, Duration gather, BackgroundLoop.Round round) {
		BackgroundLoop loop = new BackgroundLoop(name, gather, round);
		loops.add(loop);
		return loop;
	}

	@Override
	public void start() {
		loops.forEach(BackgroundLoop::start);
	}

	@Override
	public void stop() {
		loops.forEach(BackgroundLoop::requestStop);
		loops.forEach(BackgroundLoop::stop);
	}

	@Override
	public boolean isRunning() {
		return loops.stream().anyMatch(BackgroundLoop::isRunning);
	}

}
