package nl.phaseout.engine.robust;

import java.util.concurrent.TimeUnit;

/** Where a long test spends its time, printed to the test's output. */
final class Timing {

	private Timing() {
	}

	static void log(long startedNanos, String format, Object... args) {
		System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - startedNanos) / (double) TimeUnit.SECONDS.toNanos(1),
				format.formatted(args));
	}

}
