package nl.phaseout.engine.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.management.GarbageCollectorMXBean;

/**
 * Peak heap: the most heap in use at any 50 ms sample (garbage not yet collected included), the
 * most left in use right after a collection (what the application actually held), and the sum of
 * the heap pools' own peaks.
 */
public final class HeapSampler implements AutoCloseable {

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "heap-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private final List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter(pool -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.toList();

	private volatile long peakUsed;

	private volatile long peakAfterGc;

	private final Map<String, Long> collections = new HashMap<>();

	public HeapSampler() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		sampler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
	}

	private void sample() {
		long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		if (used > peakUsed) {
			peakUsed = used;
		}
		sampleAfterGc();
	}

	private void sampleAfterGc() {
		for (java.lang.management.GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (!(bean instanceof GarbageCollectorMXBean gc) || gc.getLastGcInfo() == null) {
				continue;
			}
			long count = gc.getCollectionCount();
			if (Long.valueOf(count).equals(collections.put(gc.getName(), count))) {
				continue;
			}
			long after = gc.getLastGcInfo()
				.getMemoryUsageAfterGc()
				.entrySet()
				.stream()
				.filter(pool -> heapPools.contains(pool.getKey()))
				.mapToLong(pool -> pool.getValue().getUsed())
				.sum();
			if (after > peakAfterGc) {
				peakAfterGc = after;
			}
		}
	}

	public long peakUsed() {
		return peakUsed;
	}

	public long peakAfterGc() {
		return peakAfterGc;
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
		sampler.shutdownNow();
	}

}
