package nl.phaseout.engine.office;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import nl.phaseout.engine.report.CampaignTimeline;

/**
 * The timeline as an SVG line chart drawn on the server: three series (banned, protected,
 * unprotected) told apart by colour, dash and a legend, on a scale from zero to a round maximum.
 */
public record TrendChart(List<Series> series, long max, List<Tick> ticks, int width, int height) {

	static final int WIDTH = 720;

	static final int HEIGHT = 260;

	static final int LEFT = 70;

	static final int RIGHT = 20;

	static final int TOP = 20;

	static final int BOTTOM = 40;

	static TrendChart of(List<CampaignTimeline.Point> points) {
		long highest = points.stream()
			.mapToLong(p -> Math.max(p.banned(), Math.max(p.protectedCount(), p.unprotected())))
			.max()
			.orElse(0);
		long max = roundUp(highest);
		List<Series> series = List.of(
				new Series("banned", "#b00020", "", line(points, CampaignTimeline.Point::banned, max)),
				new Series("protected", "#1b5e20", "8 4", line(points, CampaignTimeline.Point::protectedCount, max)),
				new Series("unprotected", "#7a4100", "2 4", line(points, CampaignTimeline.Point::unprotected, max)));
		List<Tick> ticks = List.of(0L, max / 2, max)
			.stream()
			.map(value -> new Tick(value, y(value, max)))
			.toList();
		return new TrendChart(series, max, ticks, WIDTH, HEIGHT);
	}

	public int bottom() {
		return HEIGHT - BOTTOM;
	}

	public int left() {
		return LEFT;
	}

	public int right() {
		return WIDTH - RIGHT;
	}

	private static String line(List<CampaignTimeline.Point> points, ToLongFunction<CampaignTimeline.Point> value,
			long max) {
		int n = points.size();
		double step = n <= 1 ? 0 : (double) (WIDTH - LEFT - RIGHT) / (n - 1);
		StringBuilder path = new StringBuilder();
		for (int i = 0; i < n; i++) {
			double x = n == 1 ? (LEFT + WIDTH - RIGHT) / 2.0 : LEFT + i * step;
			path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x,
					y(value.applyAsLong(points.get(i)), max)));
		}
		if (n == 1) {
			// A single day is a dot: a line from the point to itself, drawn with round caps.
			path.append(" l0.1 0");
		}
		return path.toString();
	}

	private static double y(long value, long max) {
		return HEIGHT - BOTTOM - (double) value / max * (HEIGHT - TOP - BOTTOM);
	}

	/** 1, 2 or 5 times a power of ten, at least the value (and at least 10). */
	static long roundUp(long value) {
		long scale = 10;
		while (true) {
			for (long m : new long[] { 1, 2, 5 }) {
				if (m * scale >= value) {
					return m * scale;
				}
			}
			scale *= 10;
		}
	}

	/** @param dash an SVG dash pattern, empty for a solid line */
	public record Series(String key, String colour, String dash, String path) {
	}

	public record Tick(long value, double y) {
	}

}
