package nl.phaseout.engine.robust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What engine nodes wrote to their logs (Spring Boot's console format), one entry per logged
 * event with its stack trace: the errors and optimistic-locking failures nobody handled, the
 * deliveries the signal worker postponed to try again, and how many warnings each logger gave.
 * <p>
 * Camunda logs a command's exception at ERROR even when its caller handles it: before signals
 * were claimed, two nodes' workers telling one process the same thing left such a line for every
 * race one of them lost ("does not have a subscription to a message event", "task ... doesn't
 * exist"). With one worker per organisation at a time there is no such race, so every ERROR counts.
 */
public final class NodeLogs {

	/** Time, level, pid, "---", application, thread, logger, ":" and the message. */
	private static final Pattern HEADER = Pattern.compile(
			"^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s+\\d+\\s+---\\s+\\[[^\\]]*\\]\\s+\\[\\s*([^\\]]*?)\\s*\\]\\s+(\\S+)\\s*:");

	/** The logger's name, which Spring Boot may abbreviate to its last part. */
	private static final String SIGNAL_WORKER = ".SignalWorker";

	private static final String OPTIMISTIC_LOCKING = "OptimisticLockingException";

	private final List<Logged> unhandled = new ArrayList<>();

	private final List<Logged> postponed = new ArrayList<>();

	private final Map<String, Integer> warnings = new TreeMap<>();

	public NodeLogs(List<Path> logs) {
		for (Path log : logs) {
			for (Logged logged : read(log)) {
				if (logged.level().equals("WARN") && logged.logger().endsWith(SIGNAL_WORKER)) {
					postponed.add(logged);
				}
				else if (logged.level().equals("ERROR") || logged.text().contains(OPTIMISTIC_LOCKING)) {
					unhandled.add(logged);
				}
				if (logged.level().equals("WARN")) {
					warnings.merge(logged.logger(), 1, Integer::sum);
				}
			}
		}
	}

	/** Errors, and optimistic-locking failures at any level, that no one handled. */
	public List<Logged> unhandled() {
		return unhandled;
	}

	/** Deliveries that failed and were postponed, to be tried again (the signal worker's warning). */
	List<Logged> postponed() {
		return postponed;
	}

	/** Warnings per logger. */
	Map<String, Integer> warnings() {
		return warnings;
	}

	private static List<Logged> read(Path log) {
		List<String> lines;
		try {
			lines = Files.readAllLines(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Logged> logged = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher header = HEADER.matcher(lines.get(i));
			if (header.find()) {
				logged.add(new Logged(log.getFileName() + ":" + (i + 1), header.group(1), header.group(2),
						header.group(3), new StringBuilder(lines.get(i))));
			}
			else if (!logged.isEmpty()) {
				logged.get(logged.size() - 1).lines().append('\n').append(lines.get(i));
			}
		}
		return logged;
	}

	/** One logged event: where (file and line), level, thread, logger, and its text with any stack trace. */
	public record Logged(String where, String level, String thread, String logger, StringBuilder lines) {

		String text() {
			return lines.toString();
		}

		/** The first line, for a report. */
		@Override
		public String toString() {
			String text = text();
			int end = text.indexOf('\n');
			return where + ": " + (end < 0 ? text : text.substring(0, end));
		}

	}

}
