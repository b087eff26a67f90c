package nl.phaseout.engine.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import nl.phaseout.engine.tags.EndToEnd;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at a tiny scale and one run, in JVMs of its own (it boots the whole application with its own
 * broker and process engine): it completes and every figure is sane. Not how fast: that is the benchmark's to
 * print.
 */
@EndToEnd
class BenchmarkSmokeTest {

	@Test
	void tinyRunCompletesWithSaneFigures() throws Exception {
		Settings settings = Settings.of(0.005, "h2");
		Process run = new ProcessBuilder(List.of(javaExecutable(), "-Xmx1g", "-Dbenchmark.scale=0.005",
				"-Dbenchmark.db=h2", "-Dbenchmark.runs=1", "-Dbenchmark.startup=false", "-cp", classPath(),
				Benchmark.class.getName()))
			.redirectErrorStream(true)
			.start();
		List<String> output = new ArrayList<>();
		Map<String, Double> figures = new HashMap<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
				if (line.startsWith(Benchmark.FIGURE)) {
					String[] pair = line.substring(Benchmark.FIGURE.length()).split("=", 2);
					figures.put(pair[0], Double.parseDouble(pair[1]));
				}
			}
		}
		assertThat(run.waitFor(10, TimeUnit.MINUTES)).isTrue();
		assertThat(run.exitValue()).as(String.join("\n", output)).isZero();

		assertThat(figures).containsKeys("ceiling.rate", "naive.rate", "naive.density.rate", "engine.rate",
				"engine.naive.density", "latency.p50", "latency.p99", "projection.p50", "projection.p99",
				"heap.after.gc", "gc.pauses", "db.bytes", "progress.median", "tasklist.median", "registration.seconds",
				"advancement.rate", "advancement.cpu", "advancement.cpu.total", "durable.rate", "engine.durable",
				"engine.ceiling", "engine.cpu.event");
		assertThat(figures.get("advancement.rate")).isPositive().isFinite();
		assertThat(figures.get("advancement.cpu")).isPositive().isFinite();
		assertThat(figures.get("ceiling.rate")).isPositive().isFinite();
		assertThat(figures.get("durable.rate")).isPositive().isFinite();
		assertThat(figures.get("engine.cpu.event")).isPositive().isFinite();
		// on H2 the database's CPU is the JVM's: the total is the JVM's
		assertThat(figures.get("advancement.cpu.total")).isEqualTo(figures.get("advancement.cpu"));
		assertThat(figures.get("naive.rate")).isPositive().isFinite();
		assertThat(figures.get("naive.density.rate")).isPositive().isFinite();
		assertThat(figures.get("engine.rate")).isPositive().isFinite();
		assertThat(figures.get("latency.count")).isEqualTo(settings.latencyOrganisations());
		assertThat(figures.get("latency.p50")).isNotNegative().isLessThanOrEqualTo(figures.get("latency.p99"));
		// each scan is projected before its process can move: so are the percentiles
		assertThat(figures.get("projection.p50")).isNotNegative().isLessThanOrEqualTo(figures.get("latency.p50"));
		assertThat(figures.get("projection.p99")).isLessThanOrEqualTo(figures.get("latency.p99"));
		assertThat(figures.get("heap.after.gc")).isPositive().isLessThanOrEqualTo(figures.get("heap.peak"));
		assertThat(figures.get("gc.pauses")).isNotNegative();
		assertThat(figures.get("db.bytes")).isPositive();
		assertThat(figures.get("engine.rate.min")).isEqualTo(figures.get("engine.rate.max"));
		assertThat(output).anyMatch(line -> line.startsWith("| engine: consumed"));
		// every target it measured is judged by the code, from the median, beside the commit
		assertThat(output).anyMatch(line -> line.startsWith("### Targets (h2, judged on the median of 1 run")
				&& line.contains("commit "));
		for (String target : List.of("| advancement, all four deadlines set", "| CPU per advancement",
				"| latency p99", "| ingestion / durable ceiling")) {
			assertThat(output)
				.filteredOn(line -> line.startsWith(target) && line.matches("[^|]*\\|[^|]*: at (least|most) .*"))
				.singleElement()
				.satisfies(line -> assertThat(line).matches(".*\\| (met|not met) \\|$"));
		}
		assertThat(output).filteredOn(line -> line.startsWith("| ready from java -jar"))
			.allSatisfy(line -> assertThat(line).endsWith("| not measured |"));
	}

	/**
	 * Surefire's class path without repeated entries: with the classes on it twice, the engine finds every
	 * BPMN twice and refuses the deployment.
	 */
	private static String classPath() {
		String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(path.split(File.pathSeparator))
			.map(entry -> new File(entry).getAbsoluteFile().toPath().normalize().toString())
			.distinct()
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static String javaExecutable() {
		return System.getProperty("java.home") + "/bin/java";
	}

}
