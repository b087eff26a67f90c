package nl.phaseout.engine.benchmark;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one run measured, printed as a table. Only measured values go in. */
final class Figures {

	private final Map<String, String[]> rows = new LinkedHashMap<>();

	/** Also printed at once, so that a run cut short still shows what it measured. */
	void put(String what, String value, String note) {
		rows.put(what, new String[] { value, note });
		System.out.println("measured: " + what + " = " + value + " (" + note + ")");
	}

	final Map<String, Double> numbers = new LinkedHashMap<>();

	void number(String key, double value) {
		numbers.put(key, value);
	}

	double get(String key) {
		Double value = numbers.get(key);
		if (value == null) {
			throw new IllegalStateException("not measured: " + key);
		}
		return value;
	}

	void print(PrintStream out, String title) {
		int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
		int valueWidth = rows.values().stream().mapToInt(v -> v[0].length()).max().orElse(10);
		out.println();
		out.println("## " + title);
		out.println();
		out.println("| " + pad("measure", width) + " | " + pad("value", valueWidth) + " | notes |");
		out.println("|" + "-".repeat(width + 2) + "|" + "-".repeat(valueWidth + 2) + "|-------|");
		rows.forEach((what, value) -> out
			.println("| " + pad(what, width) + " | " + pad(value[0], valueWidth) + " | " + value[1] + " |"));
		out.println();
	}

	static String rate(double eventsPerSecond) {
		return String.format("%,.0f events/s", eventsPerSecond);
	}

	static String millis(double ms) {
		return String.format("%,.1f ms", ms);
	}

	static String mib(long bytes) {
		return String.format("%,.0f MiB", bytes / 1024.0 / 1024.0);
	}

	static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
	}

	private static String pad(String s, int width) {
		return s + " ".repeat(Math.max(0, width - s.length()));
	}

}
