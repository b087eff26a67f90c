package nl.phaseout.engine.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap while it is open: the most in use at any 50 ms sample (garbage not yet collected included, so
 * under {@code -Xmx} it is bound to stay below it), the most left in use right after any collection (what the
 * application held, the figure a heap target is about), and the collectors' pauses (the
 * GarbageCollectorMXBeans' counts and times, and the longest pause they reported).
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

	private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

	private final NotificationListener afterCollection = this::collected;

	private final long collectionsBefore = collections();

	private final long collectionMillisBefore = collectionMillis();

	private volatile long peakUsed;

	private volatile long peakAfterGc;

	private volatile long longestPause;

	public HeapSampler() {
		for (GarbageCollectorMXBean collector : collectors) {
			((NotificationEmitter) collector).addNotificationListener(afterCollection,
					n -> n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION), null);
		}
		sampler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
	}

	private void sample() {
		long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		if (used > peakUsed) {
			peakUsed = used;
		}
	}

	/** Every collection is heard of, however close together; notifications come on one JMX thread. */
	private void collected(Notification notification, Object handback) {
		var gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
		long after = gc.getMemoryUsageAfterGc()
			.entrySet()
			.stream()
			.filter(pool -> heapPools.contains(pool.getKey()))
			.mapToLong(pool -> pool.getValue().getUsed())
			.sum();
		peakAfterGc = Math.max(peakAfterGc, after);
		longestPause = Math.max(longestPause, gc.getDuration());
	}

	public long peakUsed() {
		return peakUsed;
	}

	public long peakAfterGc() {
		return peakAfterGc;
	}

	/**
	 * What the collectors reported since this sampler opened. With G1 on Java 17 these are the young, mixed and
	 * full collections' pauses; the concurrent cycle's short remark and cleanup pauses are not among them.
	 */
	Pauses pauses() {
		return new Pauses(collections() - collectionsBefore, collectionMillis() - collectionMillisBefore,
				longestPause);
	}

	private long collections() {
		return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
	}

	private long collectionMillis() {
		return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
	}

	@Override
	public void close() {
		sampler.shutdownNow();
		for (GarbageCollectorMXBean collector : collectors) {
			try {
				((NotificationEmitter) collector).removeNotificationListener(afterCollection);
			}
			catch (ListenerNotFoundException ex) {
				// never added to this one: nothing to remove
			}
		}
	}

	/** Collections, the milliseconds they took in all, and the longest. */
	record Pauses(long count, long totalMillis, long longestMillis) {
	}

}
