package nl.phaseout.engine.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time on Linux, from {@code /proc}, in seconds: of a process, all its threads, user and system
 * ({@code utime} and {@code stime} of {@code /proc/<pid>/stat}); and of the whole machine, every
 * core's time not idle ({@code /proc/stat}), whoever spent it. A {@link Sample} holds both at one
 * moment; two samples give what each process spent between them.
 */
final class ProcessCpu {

	/** Clock ticks a second, in which {@code /proc} counts: 100 on every usual kernel, asked of getconf. */
	private static final double TICKS = clockTicks();

	private ProcessCpu() {
	}

	/** The process's CPU time so far; 0 when it has gone. */
	static double process(long pid) {
		String stat;
		try {
			stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
		}
		catch (NoSuchFileException gone) {
			return 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return cpuSeconds(stat);
	}

	/** User and system time of a {@code stat} line of {@code /proc}, of a process or of one of its threads. */
	private static double cpuSeconds(String stat) {
		// the command name, in parentheses, may hold spaces: fields are counted after it
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
	}

	/**
	 * This JVM's own threads' CPU time so far, in seconds, by what they do: {@code GC} (G1's workers, concurrent
	 * markers and refiners, the VM thread that runs its pauses) and {@code JIT} (the C1 and C2 compiler threads),
	 * told apart by the names the JVM gives them in {@code /proc/self/task/<tid>/comm}. Empty where there is no
	 * {@code /proc}.
	 */
	static Map<String, Double> jvmThreads() {
		Map<String, Double> seconds = new LinkedHashMap<>();
		seconds.put("GC", 0.0);
		seconds.put("JIT", 0.0);
		try (var tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				String name;
				String stat;
				try {
					name = Files.readString(task.resolve("comm")).trim();
					stat = Files.readString(task.resolve("stat"));
				}
				catch (NoSuchFileException ended) {
					continue;
				}
				String kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT"
						: name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread") ? "GC"
								: null;
				if (kind != null) {
					seconds.merge(kind, cpuSeconds(stat), Double::sum);
				}
			}
		}
		catch (NoSuchFileException noProc) {
			return Map.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return seconds;
	}

	/** Every core's busy time so far: user, nice, system, irq, softirq and steal; not idle nor iowait. */
	static double machine() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long[] ticks = Arrays.stream(cpu, 1, cpu.length).mapToLong(Long::parseLong).toArray();
			return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) / TICKS;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static double clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
			return getconf.waitFor() == 0 ? Double.parseDouble(answer) : 100;
		}
		catch (IOException | NumberFormatException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

	/** The CPU time of named processes, and the machine's, at one moment. */
	record Sample(Map<String, Double> processes, double machine) {

		static Sample of(Map<String, Long> pids) {
			Map<String, Double> seconds = new LinkedHashMap<>();
			pids.forEach((name, pid) -> seconds.put(name, ProcessCpu.process(pid)));
			return new Sample(seconds, ProcessCpu.machine());
		}

		/**
		 * What each process spent since {@code before}; one that was not there then counts from
		 * its start, one that has gone since counts nothing.
		 */
		Map<String, Double> since(Sample before) {
			Map<String, Double> spent = new LinkedHashMap<>();
			processes.forEach((name, now) -> spent.put(name,
					now == 0 ? 0 : now - before.processes.getOrDefault(name, 0.0)));
			return spent;
		}

		double machineSince(Sample before) {
			return machine - before.machine;
		}

	}

}
