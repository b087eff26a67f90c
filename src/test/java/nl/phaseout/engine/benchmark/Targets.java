package nl.phaseout.engine.benchmark;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import nl.phaseout.engine.benchmark.Figures.Unit;

/**
 * Issue 23's targets, each judged by the code from the same runs as the table: met or not met on the median over
 * the runs (min and max shown beside it), so that one lucky or unlucky run decides nothing. With the commit the
 * figures are of, so that the table can be pasted as it is.
 */
final class Targets {

	static final String MET = "met";

	static final String NOT_MET = "not met";

	private static final List<Target> TARGETS = List.of(
			new Target("advancement.rate", "advancement, all four deadlines set", true, 400, Unit.PER_SECOND),
			new Target("advancement.cpu.total", "CPU per advancement, JVM + database", false, 4.5, Unit.MILLIS),
			new Target("latency.p99", "latency p99, one event in five crossing, 1,000 events/s", false, 1000,
					Unit.MILLIS),
			new Target("engine.durable", "ingestion / durable ceiling", true, 0.85, Unit.RATIO),
			new Target("startup.fresh", "ready from java -jar, fresh data directory", false, 10, Unit.SECONDS),
			new Target("startup.restart", "ready from java -jar, restart", false, 10, Unit.SECONDS));

	private Targets() {
	}

	/** Prints the targets' table and returns how many were met. */
	static int print(PrintStream out, Settings settings, Map<String, double[]> spread, int runs) {
		out.println("### Targets (" + settings.db() + ", judged on the median of " + runs
				+ (runs == 1 ? " run" : " runs") + "; min / median / max), " + commit());
		out.println();
		out.println("| target | min / median / max | judged |");
		out.println("|---|---|---|");
		int met = 0;
		for (Target target : TARGETS) {
			double[] figure = spread.get(target.key());
			String judged;
			String values;
			if (figure == null) {
				values = "";
				judged = "not measured";
			}
			else {
				values = target.unit().number(figure[0]) + " / " + target.unit().number(figure[1]) + " / "
						+ target.unit().format(figure[2]);
				if (target.key().equals("latency.p99") && settings.latencyObservations() != 4) {
					judged = "not judged: needs -Dbenchmark.latency.observations=4";
				}
				else if (target.met(figure[1])) {
					judged = MET;
					met++;
				}
				else {
					judged = NOT_MET;
				}
			}
			out.println("| " + target.label() + ": " + (target.atLeast() ? "at least " : "at most ")
					+ target.unit().format(target.threshold()) + " | " + values + " | " + judged + " |");
		}
		out.println();
		return met;
	}

	/** The commit checked out, and whether the work tree differs from it (tracked files). */
	static String commit() {
		String head = git("rev-parse", "--short=12", "HEAD");
		if (head == null || head.isBlank()) {
			return "commit unknown (no git)";
		}
		String changes = git("status", "--porcelain", "--untracked-files=no");
		return "commit " + head.strip() + (changes == null || changes.isBlank() ? "" : " with uncommitted changes");
	}

	private static String git(String... args) {
		try {
			List<String> command = new java.util.ArrayList<>(List.of("git"));
			command.addAll(List.of(args));
			Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return git.waitFor() == 0 ? output : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	record Target(String key, String label, boolean atLeast, double threshold, Unit unit) {

		boolean met(double median) {
			return atLeast ? median >= threshold : median <= threshold;
		}

	}

}
