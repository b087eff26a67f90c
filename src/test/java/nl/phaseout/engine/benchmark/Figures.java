package nl.phaseout.engine.benchmark;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What was measured: one number per figure, with its unit and a note. A run emits its figures as
 * machine-readable lines; the benchmark gathers every run's and prints each figure as min / median / max.
 * Only measured values go in.
 */
final class Figures {

	/** Prefix of a run's machine-readable line, one per figure. */
	static final String ROW = "benchmark.row ";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, Figure> figures = new LinkedHashMap<>();

	/** Also printed at once, so that a run cut short still shows what it measured. */
	void put(String key, String label, double value, Unit unit, String note) {
		figures.put(key, new Figure(key, label, value, unit, note));
		System.out.println("measured: " + label + " = " + unit.format(value) + " (" + note + ")");
	}

	/** A number for the machine-readable lines alone, not a row of the table. */
	void number(String key, double value) {
		figures.put(key, new Figure(key, null, value, Unit.COUNT, ""));
	}

	double get(String key) {
		Figure figure = figures.get(key);
		if (figure == null) {
			throw new IllegalStateException("not measured: " + key);
		}
		return figure.value();
	}

	List<Figure> all() {
		return new ArrayList<>(figures.values());
	}

	void emit(PrintStream out) {
		figures.values().forEach(figure -> {
			try {
				out.println(ROW + JSON.writeValueAsString(figure));
			}
			catch (JsonProcessingException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	static Figure parse(String line) {
		try {
			return JSON.readValue(line.substring(ROW.length()), Figure.class);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One table for all runs: each figure as min / median / max (its value alone after one run), with the note
	 * of the run that gave the median.
	 */
	static void print(PrintStream out, String title, String about, List<List<Figure>> runs) {
		Map<String, List<Figure>> byKey = new LinkedHashMap<>();
		runs.forEach(run -> run.forEach(figure -> byKey.computeIfAbsent(figure.key(), key -> new ArrayList<>())
			.add(figure)));
		List<String[]> rows = new ArrayList<>();
		byKey.values().stream().filter(all -> all.get(0).label() != null).forEach(all -> {
			List<Figure> sorted = all.stream().sorted(Comparator.comparingDouble(Figure::value)).toList();
			Figure median = sorted.get((sorted.size() - 1) / 2);
			rows.add(new String[] { median.label(), spread(sorted), median.note() });
		});
		int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(10);
		int valueWidth = Math.max(5, rows.stream().mapToInt(row -> row[1].length()).max().orElse(10));
		String valueHeader = runs.size() == 1 ? "value" : "min / median / max";
		out.println();
		out.println("## " + title);
		out.println();
		out.println(about);
		out.println();
		out.println("| " + pad("measure", width) + " | " + pad(valueHeader, valueWidth) + " | notes |");
		out.println("|" + "-".repeat(width + 2) + "|" + "-".repeat(Math.max(valueWidth, valueHeader.length()) + 2)
				+ "|-------|");
		rows.forEach(row -> out.println("| " + pad(row[0], width) + " | " + pad(row[1], valueWidth) + " | " + row[2]
				+ " |"));
		out.println();
	}

	/** Per figure, its median over the runs, and its min and max. */
	static Map<String, double[]> minMedianMax(List<List<Figure>> runs) {
		Map<String, List<Double>> byKey = new LinkedHashMap<>();
		runs.forEach(run -> run.forEach(figure -> byKey.computeIfAbsent(figure.key(), key -> new ArrayList<>())
			.add(figure.value())));
		Map<String, double[]> spread = new LinkedHashMap<>();
		byKey.forEach((key, values) -> {
			double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			spread.put(key, new double[] { sorted[0], median(sorted), sorted[sorted.length - 1] });
		});
		return spread;
	}

	private static String spread(List<Figure> sorted) {
		Unit unit = sorted.get(0).unit();
		if (sorted.size() == 1) {
			return unit.format(sorted.get(0).value());
		}
		double[] values = sorted.stream().mapToDouble(Figure::value).toArray();
		return unit.number(values[0]) + " / " + unit.number(median(values)) + " / "
				+ unit.format(values[values.length - 1]);
	}

	static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	static double median(long[] values) {
		return median(Arrays.stream(values).asDoubleStream().sorted().toArray());
	}

	private static double median(double[] sorted) {
		return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
	}

	static String mib(long bytes) {
		return Unit.BYTES.format(bytes);
	}

	private static String pad(String s, int width) {
		return s + " ".repeat(Math.max(0, width - s.length()));
	}

	/** One run's value of one figure; a label of null keeps it out of the table. */
	record Figure(String key, String label, double value, Unit unit, String note) {
	}

	enum Unit {

		EVENTS_PER_SECOND("%,.0f", " events/s"), PER_SECOND("%,.0f", " /s"), MILLIS("%,.1f", " ms"),
		MICROS("%,.1f", " µs"), SECONDS("%,.1f", " s"), PERCENT("%.1f", " %"), RATIO("%.2f", ""), TIMES("%,.1f", " x"), COUNT("%,.0f", ""), BYTES("%,.0f", " MiB") {

			@Override
			String number(double value) {
				return super.number(value / 1024 / 1024);
			}

		};

		private final String pattern;

		private final String suffix;

		Unit(String pattern, String suffix) {
			this.pattern = pattern;
			this.suffix = suffix;
		}

		String number(double value) {
			return String.format(pattern, value);
		}

		String format(double value) {
			return number(value) + suffix;
		}

	}

}
