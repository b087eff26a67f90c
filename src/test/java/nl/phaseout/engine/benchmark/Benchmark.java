package nl.phaseout.engine.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.phaseout.engine.benchmark.Figures.Figure;

/**
 * The benchmark: {@code -Dbenchmark.runs} runs (3 by default), one after the other, each a {@link BenchmarkRun}
 * in a JVM of its own with this JVM's options (heap, collector, system properties) on a fresh data directory
 * and database, so that no run inherits another's heap, compiled code or files. Then one table, each figure
 * as min / median / max over the runs, and one machine-readable line per figure with its median.
 */
public final class Benchmark {

	static final String ADMIN = "bench";

	/** Every user of the benchmark's: long enough for the password policy, and none's name. */
	static final String PASSWORD = "correct-horse-battery-staple";

	/** Prefix of the machine-readable lines after the table: the median, and {@code .min} and {@code .max}. */
	static final String FIGURE = "benchmark.figure.";

	private Benchmark() {
	}

	/**
	 * Before each run, unless {@code -Dbenchmark.startup=false} or there is no packaged jar, the start-up of
	 * the packaged jar ({@link StartupProbe}) while nothing else of the benchmark runs; with
	 * {@code -Dbenchmark.only=startup} that alone.
	 */
	public static void main(String[] args) throws Exception {
		Settings settings = Settings.fromSystemProperties();
		String only = System.getProperty("benchmark.only", "all");
		Path jar = Boolean.parseBoolean(System.getProperty("benchmark.startup", "true")) ? StartupProbe.packagedJar()
				: null;
		if (jar == null) {
			System.out.println("Start-up not measured: -Dbenchmark.startup=false, or no packaged jar in target/"
					+ " (./mvnw -B -o -q package -DskipTests) nor -Dbenchmark.jar");
		}
		List<List<Figure>> runs = new ArrayList<>();
		for (int run = 1; run <= settings.runs(); run++) {
			List<Figure> figures = new ArrayList<>();
			if (jar != null) {
				figures.addAll(new StartupProbe(jar).measure());
			}
			if (!only.equals("startup")) {
				figures.addAll(run(run, settings.runs()));
			}
			runs.add(figures);
		}
		Figures.print(System.out, "phaseout-engine benchmark, scale " + settings.scale() + ", " + settings.db() + ", "
				+ settings.campaigns() + (settings.campaigns() == 1 ? " campaign, " : " campaigns, ") + runs.size()
				+ (runs.size() == 1 ? " run" : " runs") + ", " + Targets.commit(), machine(), runs);
		Map<String, double[]> spread = Figures.minMedianMax(runs);
		Targets.print(System.out, settings, spread, runs.size());
		spread.forEach((key, figure) -> {
			System.out.println(FIGURE + key + "=" + figure[1]);
			System.out.println(FIGURE + key + ".min=" + figure[0]);
			System.out.println(FIGURE + key + ".max=" + figure[2]);
		});
		System.exit(0);
	}

	/** Its output passes through, each line marked with the run's number, but for its figures. */
	private static List<Figure> run(int run, int runs) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(System.getProperty("java.home") + "/bin/java");
		command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkRun.class.getName()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<Figure> figures = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith(Figures.ROW)) {
					figures.add(Figures.parse(line));
				}
				else {
					System.out.println("[run " + run + "/" + runs + "] " + line);
				}
			}
		}
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IllegalStateException("Run " + run + " of " + runs + " failed (exit code " + exit + ")");
		}
		return figures;
	}

	private static String machine() {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return Runtime.getRuntime().availableProcessors() + " cores, " + Figures.mib(os.getTotalMemorySize())
				+ " RAM, " + System.getProperty("os.name") + ", Java " + System.getProperty("java.version") + ", JVM "
				+ String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
					.stream()
					.filter(argument -> argument.startsWith("-X"))
					.toList())
				+ "; embedded single-node KRaft broker, 3 partitions; engine, broker and load generator in one JVM;"
				+ " campaigns with deadlines (" + BenchmarkCampaigns.DEADLINES + "); the application's own logging"
				+ " configuration (INFO)";
	}

}
