package nl.phaseout.engine.benchmark;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import nl.phaseout.engine.benchmark.BaselineOutcomes.Outcome;
import nl.phaseout.engine.robust.NodeLogs;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One node count of {@link ScaleOut}, on a {@link ScaleOutCluster} of its own. The organisations
 * are registered over REST on the nodes in turn; then a tenth as many more go through both phases
 * first, unmeasured, so that each node's JIT has compiled the paths measured; then the measured
 * organisations, in two phases, each from the first record handed to the producer:
 * <ol>
 * <li>ingestion: every organisation's observations, to the moment the consumer group's lag is 0 and
 * no process signal is pending: everything read, projected, committed, and every process told;</li>
 * <li>advancement: then every organisation's {@code scan-completed} at once, to the moment no process
 * waits at {@code Wait_InventoryBaseline} any more (Camunda's event subscription of that activity
 * gone, which happens in the commit that moved the process), polled every 100 ms.</li>
 * </ol>
 * Before each measured phase PostgreSQL's statistics are refreshed ({@code ANALYZE}). CPU time of
 * every node, the broker, the database's backends and this JVM is read around each phase. At the
 * end every organisation must stand where its observations put it ({@link BaselineOutcomes}), or
 * the run fails.
 */
final class ScaleOutRun {

	/** Each node's JVM: C1 and C2 and G1, as a production JVM runs; a heap that holds this load. */
	private static final List<String> NODE_JVM = List.of("-Xmx768m", "-XX:+UseG1GC");

	private final ScaleOut.Settings settings;

	private final int nodes;

	private final Instant observedAt;

	private final long started = System.nanoTime();

	/**
	 * What a phase took: its wall time from the first record sent, each process's CPU time
	 * meanwhile, and each node's calls into the process.
	 */
	record Phase(String name, int count, double seconds, double publishSeconds, Map<String, Double> cpu,
			double machineCpu, Map<String, Long> processCalls) {

		double rate() {
			return count / seconds;
		}

		/** The CPU time of the processes whose names start so ({@code node-} for all nodes). */
		double cpu(String prefix) {
			return cpu.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
		}

		double perThousand(String prefix) {
			return 1000 * cpu(prefix) / count;
		}

		/** Whatever else the machine's cores did meanwhile: PostgreSQL's own processes, other programs. */
		double others() {
			return machineCpu - cpu.values().stream().mapToDouble(Double::doubleValue).sum();
		}

	}

	record Result(int nodes, int consumersPerNode, Phase ingestion, Phase advancement, double wallSeconds,
			Map<Outcome, Integer> outcomes, List<NodeLogs.Logged> unhandled) {
	}

	ScaleOutRun(ScaleOut.Settings settings, int nodes, Instant observedAt) {
		this.settings = settings;
		this.nodes = nodes;
		this.observedAt = observedAt;
	}

	/** Six consumers in the group whatever the node count, one a partition (rounded up: see {@link ScaleOut}). */
	static int consumersPerNode(int nodes) {
		return (ScaleOutCluster.PARTITIONS + nodes - 1) / nodes;
	}

	Result run() throws Exception {
		Path dir = Files.createTempDirectory("phaseout-scaleout-" + nodes + "-");
		boolean ok = false;
		try (ScaleOutCluster cluster = new ScaleOutCluster(dir, nodes, consumersPerNode(nodes), NODE_JVM)) {
			log("%d node(s), %d inventory consumer(s) each; database %s; logs in %s", nodes, consumersPerNode(nodes),
					cluster.database(), dir);
			cluster.start();
			log("broker and %d node(s) started", nodes);
			Result result = measure(cluster);
			ok = true;
			return result;
		}
		finally {
			if (ok) {
				delete(dir);
			}
			else {
				System.out.println("The failed run's logs are kept in " + dir);
			}
		}
	}

	private Result measure(ScaleOutCluster cluster) throws Exception {
		List<String> warmUp = organisations("W", settings.warmUp());
		List<String> measured = organisations("S", settings.organisations());
		cluster.register(Stream.concat(warmUp.stream(), measured.stream()).toList());
		log("%,d organisations registered", warmUp.size() + measured.size());
		expectWaiting(cluster, warmUp.size() + measured.size());

		// the same seed and order for every node count: the same products on the same endpoints
		Workload workload = new Workload(42, observedAt);
		BaselineOutcomes outcomes = new BaselineOutcomes();
		List<ProducerRecord<String, byte[]>> warmUpObservations = observations(workload, warmUp, outcomes);
		List<ProducerRecord<String, byte[]>> observations = observations(workload, measured, outcomes);

		cluster.analyze();
		phase(cluster, "warm-up ingestion", warmUpObservations, warmUpObservations.size(), () -> settled(cluster));
		phase(cluster, "warm-up advancement", scans(workload, warmUp), warmUp.size(),
				() -> BaselineOutcomes.waitingForBaseline(cluster.db()) == measured.size());

		cluster.analyze();
		Phase ingestion = phase(cluster, "ingestion", observations, observations.size(), () -> settled(cluster));
		expectWaiting(cluster, measured.size());
		cluster.analyze();
		Phase advancement = phase(cluster, "advancement", scans(workload, measured), measured.size(),
				() -> BaselineOutcomes.waitingForBaseline(cluster.db()) == 0);

		await("every event read and every signal delivered").atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> settled(cluster));
		List<String> differences = outcomes.differences(cluster.db());
		if (!differences.isEmpty()) {
			throw new IllegalStateException(differences.size() + " difference(s) from what the workload says, such as:\n  "
					+ String.join("\n  ", differences.subList(0, Math.min(20, differences.size()))));
		}
		log("end state as the workload says: %s", outcomes.counts());
		List<Path> logs = cluster.nodes().stream().flatMap(node -> node.logs().stream()).toList();
		List<NodeLogs.Logged> unhandled = new NodeLogs(logs).unhandled();
		unhandled.stream().limit(5).forEach(logged -> System.out.println("  node log: " + logged));
		return new Result(nodes, consumersPerNode(nodes), ingestion, advancement, (System.nanoTime() - started) / 1e9,
				outcomes.counts(), unhandled);
	}

	/**
	 * Publishes the records and waits until {@code done}; the wall time is from the first record
	 * handed to the producer to the poll that found the phase done.
	 */
	private Phase phase(ScaleOutCluster cluster, String name, List<ProducerRecord<String, byte[]>> records, int count,
			Callable<Boolean> done) {
		Map<String, Long> callsBefore = cluster.processCalls();
		ProcessCpu.Sample before = cluster.cpu();
		long first = System.nanoTime();
		cluster.publish(records);
		long published = System.nanoTime();
		long[] finished = new long[1];
		await(name + " done").atMost(Duration.ofMinutes(20))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				if (done.call()) {
					finished[0] = System.nanoTime();
					return true;
				}
				return false;
			});
		ProcessCpu.Sample after = cluster.cpu();
		Map<String, Long> calls = new LinkedHashMap<>();
		cluster.processCalls().forEach((node, total) -> calls.put(node, total - callsBefore.get(node)));
		Phase phase = new Phase(name, count, (finished[0] - first) / 1e9, (published - first) / 1e9, after.since(before),
				after.machineSince(before), calls);
		log("%s: %,d in %.2f s (published in %.2f s), %,.0f a second; CPU s: nodes %.1f, broker %.1f, postgres %.1f,"
				+ " generator %.1f, others %.1f; process calls by node %s", name, count, phase.seconds(),
				phase.publishSeconds(), phase.rate(), phase.cpu("node-"), phase.cpu("broker"), phase.cpu("postgres"),
				phase.cpu("generator"), phase.others(), calls);
		return phase;
	}

	private static boolean settled(ScaleOutCluster cluster) throws Exception {
		return cluster.lag() == 0 && cluster.pendingSignals() == 0;
	}

	private static void expectWaiting(ScaleOutCluster cluster, int organisations) {
		long waiting = BaselineOutcomes.waitingForBaseline(cluster.db());
		if (waiting != organisations) {
			throw new IllegalStateException(
					waiting + " process(es) wait for their baseline, where " + organisations + " should");
		}
	}

	private static List<String> organisations(String prefix, int count) {
		List<String> organisations = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			organisations.add(String.format("%s%05d", prefix, i));
		}
		return organisations;
	}

	/** Each organisation's observations, one after the other, and what they will make of it. */
	private List<ProducerRecord<String, byte[]>> observations(Workload workload, List<String> organisations,
			BaselineOutcomes outcomes) {
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
		for (String org : organisations) {
			List<byte[]> observations = workload.observations(org, settings.observations());
			outcomes.add(org, observations);
			observations.forEach(observation -> records.add(Workload.record(Topics.INVENTORY, org, observation)));
		}
		return records;
	}

	private List<ProducerRecord<String, byte[]>> scans(Workload workload, List<String> organisations) {
		return organisations.stream()
			.map(org -> Workload.record(Topics.INVENTORY, org, workload.scanCompleted(org, settings.observations())))
			.toList();
	}

	private void log(String format, Object... args) {
		System.out.printf("[%d node(s), %6.1f s] %s%n", nodes, (System.nanoTime() - started) / 1e9,
				format.formatted(args));
	}

	private static void delete(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (java.io.IOException ex) {
			System.err.println("Could not delete " + dir + ": " + ex.getMessage());
		}
	}

}
