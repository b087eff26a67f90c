package nl.phaseout.engine.benchmark;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import nl.phaseout.engine.benchmark.ScaleOutRun.Phase;
import nl.phaseout.engine.benchmark.ScaleOutRun.Result;
import org.slf4j.LoggerFactory;

/**
 * One engine node against two on PostgreSQL, the same workload on each, one run: issue 14's closing
 * note. Run it with {@code ./mvnw -B -Pscaleout verify}; {@code -Dscaleout.organisations} (2,000),
 * {@code -Dscaleout.observations} (observations per organisation, one endpoint each, 4) and
 * {@code -Dscaleout.nodes} (the node counts, in order, "1,2") size it. Each node count is a
 * {@link ScaleOutRun} on a database, a broker and nodes of its own, one after the other; then one
 * table, and each phase's CPU time per process. It measures and prints; it fails (exit code 1) on
 * nothing but a run that did not end in the state its workload says, or could not run.
 * <p>
 * What differs between node counts is the nodes alone. The inventory topic has six partitions and
 * each node runs six divided by the node count inventory consumers (rounded up), so the group has
 * six consumers, one a partition, with one node as with two: the same reading threads either way.
 * ({@code prod}'s default, a consumer per partition on every node, would leave six of two nodes'
 * twelve idle; {@code TwoNodesIT}'s three a node would give a lone node three consumers for six
 * partitions.) The signal workers are the engine's default, four a node, because that is what adding
 * a node adds in production. Each node is a JVM with the production JIT and G1 ({@code TwoNodesIT}'s
 * nodes run C1 alone, to start faster), started cold and warmed up by the same work.
 */
public final class ScaleOut {

	record Settings(int organisations, int observations, List<Integer> nodes) {

		/** Organisations that go through both phases first, unmeasured: a tenth, at least ten. */
		int warmUp() {
			return Math.max(10, organisations / 10);
		}

		static Settings fromSystemProperties() {
			int organisations = Integer.parseInt(System.getProperty("scaleout.organisations", "2000"));
			int observations = Integer.parseInt(System.getProperty("scaleout.observations", "4"));
			List<Integer> nodes = Arrays.stream(System.getProperty("scaleout.nodes", "1,2").split(","))
				.map(String::strip)
				.map(Integer::valueOf)
				.toList();
			if (organisations < 1 || observations < 1 || nodes.isEmpty() || nodes.stream().anyMatch(n -> n < 1)) {
				throw new IllegalArgumentException("scaleout.organisations and scaleout.observations are at least 1,"
						+ " scaleout.nodes a list of node counts such as 1,2; not " + organisations + ", "
						+ observations + ", " + nodes);
			}
			return new Settings(organisations, observations, nodes);
		}

	}

	private ScaleOut() {
	}

	public static void main(String[] args) {
		// without a Spring context logback logs everything at DEBUG, every probe query included
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
		((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
		List<Result> results = new ArrayList<>();
		Settings settings = null;
		try {
			settings = Settings.fromSystemProperties();
			// an hour back: every event time lies in the engine's past, within its clock-skew limit
			Instant observedAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
			for (int nodes : settings.nodes()) {
				results.add(new ScaleOutRun(settings, nodes, observedAt).run());
			}
		}
		catch (Throwable failure) {
			System.out.println();
			System.out.println("SCALE-OUT BENCHMARK FAILED: " + failure.getMessage());
			failure.printStackTrace(System.out);
			System.exit(1);
		}
		print(System.out, settings, results);
		System.exit(0);
	}

	private static void print(PrintStream out, Settings settings, List<Result> results) {
		out.println();
		out.printf("## One node and two nodes on PostgreSQL: %,d organisations x %d observations, %s%n",
				settings.organisations(), settings.observations(), LocalDate.now(ZoneOffset.UTC));
		out.println();
		out.printf("%d cores, Java %s; one broker (KRaft, its own JVM), %d partitions; PostgreSQL on the same"
				+ " machine; %,d more organisations warmed every node up first; end states, those included: %s%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				ScaleOutCluster.PARTITIONS, settings.warmUp(), results.isEmpty() ? "" : results.get(0).outcomes());
		out.println();
		out.println("| nodes | consumers per node | ingestion events/s | advancement /s"
				+ " | CPU s per 1,000 advancements: nodes / broker / postgres | wall s: ingestion / advancement |");
		out.println("|---|---|---|---|---|---|");
		for (Result result : results) {
			Phase ingestion = result.ingestion();
			Phase advancement = result.advancement();
			out.printf("| %d | %d | %,.0f | %,.0f | %.2f / %.2f / %.2f | %.2f / %.2f |%n", result.nodes(),
					result.consumersPerNode(), ingestion.rate(), advancement.rate(), advancement.perThousand("node-"),
					advancement.perThousand("broker"), advancement.perThousand("postgres"), ingestion.seconds(),
					advancement.seconds());
		}
		out.println();
		out.println("CPU seconds per phase, per process (\"others\": the machine's busy time beyond these:"
				+ " PostgreSQL's own processes, anything else running):");
		out.println();
		out.println("| nodes | phase | wall s | each node | broker | postgres backends | load generator | others"
				+ " | cores busy | process calls by each node |");
		out.println("|---|---|---|---|---|---|---|---|---|---|");
		for (Result result : results) {
			for (Phase phase : List.of(result.ingestion(), result.advancement())) {
				out.printf("| %d | %s | %.2f | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n", result.nodes(),
						phase.name(), phase.seconds(), nodeCpu(phase.cpu()), phase.cpu("broker"), phase.cpu("postgres"),
						phase.cpu("generator"), phase.others(), phase.machineCpu() / phase.seconds(),
						phase.processCalls().values().stream().map(String::valueOf).collect(Collectors.joining(" + ")));
			}
		}
		out.println();
		for (Result result : results) {
			out.printf("%d node(s): the whole run (start, registration, warm-up, both phases, check) %.0f s; %d ERROR"
					+ " line(s) or optimistic-locking failure(s) in the nodes' logs%n", result.nodes(),
					result.wallSeconds(), result.unhandled().size());
		}
	}

	private static String nodeCpu(Map<String, Double> cpu) {
		return cpu.entrySet()
			.stream()
			.filter(e -> e.getKey().startsWith("node-"))
			.map(e -> String.format("%.2f", e.getValue()))
			.collect(Collectors.joining(" + "));
	}

}
