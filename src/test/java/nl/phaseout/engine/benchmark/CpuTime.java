package nl.phaseout.engine.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time used so far: by the whole JVM, and by each live thread by name. Two readings subtracted say
 * where a phase's CPU went, which on two cores says more about the cost of a unit of work than its rate.
 */
record CpuTime(long processNanos, Map<String, Long> threadNanos, long postgresNanos, Map<String, Double> jvmSeconds) {


	/** The JVM's alone: on H2, whose work is the JVM's. */
	static CpuTime now() {
		return now(List.of());
	}

	/**
	 * The JVM's, and that of the PostgreSQL backends given (user and system, from {@code /proc} by
	 * {@link ProcessCpu}): those serving the benchmark's database, not every server process on a machine that
	 * may be shared. A backend that ended in between is not counted: the application's connections stay open
	 * in its pool.
	 */
	static CpuTime now(Collection<Long> postgresBackends) {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> byThread = new HashMap<>();
		for (long id : threads.getAllThreadIds()) {
			ThreadInfo info = threads.getThreadInfo(id);
			long nanos = threads.getThreadCpuTime(id);
			if (info != null && nanos >= 0) {
				byThread.merge(info.getThreadName(), nanos, Long::sum);
			}
		}
		double postgres = postgresBackends.stream().mapToDouble(ProcessCpu::process).sum();
		return new CpuTime(os.getProcessCpuTime(), byThread, (long) (postgres * 1e9), ProcessCpu.jvmThreads());
	}

	/** What was used since {@code earlier}; a thread that ended in between counts for nothing. */
	CpuTime minus(CpuTime earlier) {
		Map<String, Long> byThread = new HashMap<>();
		threadNanos.forEach((name, nanos) -> byThread.put(name, nanos - earlier.threadNanos.getOrDefault(name, 0L)));
		Map<String, Double> jvm = new HashMap<>();
		jvmSeconds.forEach((kind, seconds) -> jvm.put(kind, seconds - earlier.jvmSeconds.getOrDefault(kind, 0.0)));
		return new CpuTime(processNanos - earlier.processNanos, byThread, postgresNanos - earlier.postgresNanos, jvm);
	}

	double processMillis() {
		return processNanos / 1e6;
	}

	/** PostgreSQL's server processes' CPU time, when the database is the local server; 0 on H2. */
	double postgresMillis() {
		return postgresNanos / 1e6;
	}

	/**
	 * Where the time went: the threads that used the most, names without their trailing number (a pool's
	 * threads together), and what no Java thread used (the JVM's own: garbage collection, compilation).
	 */
	String breakdown(int top, double per) {
		Map<String, Long> byPool = new HashMap<>();
		threadNanos.forEach((name, nanos) -> byPool.merge(name.replaceAll("[-#]?\\d+$", ""), nanos, Long::sum));
		long javaThreads = byPool.values().stream().mapToLong(Long::longValue).sum();
		StringBuilder text = new StringBuilder();
		byPool.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(top)
			.forEach(entry -> text.append(String.format("%s %.2f ms, ", entry.getKey(), entry.getValue() / 1e6 / per)));
		text.append(String.format("JVM (GC, JIT) %.2f ms", (processNanos - javaThreads) / 1e6 / per));
		if (!jvmSeconds.isEmpty()) {
			text.append(String.format(" (GC %.2f ms, JIT %.2f ms)", jvmSeconds.get("GC") * 1e3 / per,
					jvmSeconds.get("JIT") * 1e3 / per));
		}
		if (postgresNanos > 0) {
			text.append(String.format("; PostgreSQL's processes %.2f ms", postgresNanos / 1e6 / per));
		}
		return text.toString();
	}

	/** The CPU time of the threads whose name starts with {@code prefix}. */
	double threadMillis(String prefix) {
		return threadNanos.entrySet()
			.stream()
			.filter(entry -> entry.getKey().startsWith(prefix))
			.mapToLong(Map.Entry::getValue)
			.sum() / 1e6;
	}

}
