package nl.phaseout.engine.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Peak heap: the most heap in use at any 50 ms sample, and the sum of the heap pools' own peaks. */
final class HeapSampler implements AutoCloseable {

	private final Thread thread;

	private volatile long peakUsed;

	private volatile boolean running = true;

	HeapSampler() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		this.thread = new Thread(this::sample, "heap-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void sample() {
		while (running) {
			long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			if (used > peakUsed) {
				peakUsed = used;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	long peakUsed() {
		return peakUsed;
	}

	/** An upper bound: the pools need not have peaked at the same moment. */
	static long sumOfPoolPeaks() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
	}

	@Override
	public void close() {
		running = false;
		thread.interrupt();
	}

}
