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
 * event with its stack trace: the errors and optimistic-locking failures nobody handled, those
 * the signal worker handled, and how many warnings each logger gave.
 * <p>
 * Handled: a signal worker's round that lost a race with another node's worker for the same
 * process (the execution no longer waits, the task is gone, an optimistic-locking failure) is
 * rolled back and its signals delivered again one by one, or later; Camunda has logged the
 * command's exception at ERROR all the same. Such races need two workers on one organisation's
 * signals at once; with each signal claimed by one worker they should not occur at all.
 */
final class NodeLogs {

	/** Time, level, pid, "---", application, thread, logger, ":" and the message. */
	private static final Pattern HEADER = Pattern.compile(
			"^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s+\\d+\\s+---\\s+\\[[^\\]]*\\]\\s+\\[\\s*([^\\]]*?)\\s*\\]\\s+(\\S+)\\s*:");

	/** The signal worker's thread, or threads ("process-signals-2"...) once there are several. */
	private static final String SIGNAL_WORKER_THREAD = "process-signals";

	/** The logger's name, which Spring Boot may abbreviate to its last part. */
	private static final String SIGNAL_WORKER = ".SignalWorker";

	private static final String COMMAND_CONTEXT = "org.camunda.bpm.engine.context";

	private static final List<String> LOST_RACES = List.of("does not have a subscription to a message event",
			"doesn't exist: task is null", "OptimisticLockingException");

	private static final String OPTIMISTIC_LOCKING = "OptimisticLockingException";

	private final List<Logged> unhandled = new ArrayList<>();

	private final List<Logged> lostRaces = new ArrayList<>();

	private final List<Logged> retried = new ArrayList<>();

	private final Map<String, Integer> warnings = new TreeMap<>();

	NodeLogs(List<Path> logs) {
		for (Path log : logs) {
			for (Logged logged : read(log)) {
				boolean lostRace = logged.level().equals("ERROR") && logged.thread().startsWith(SIGNAL_WORKER_THREAD)
						&& logged.logger().equals(COMMAND_CONTEXT)
						&& LOST_RACES.stream().anyMatch(logged.text()::contains);
				boolean signalRetried = logged.level().equals("WARN") && logged.logger().endsWith(SIGNAL_WORKER);
				if (lostRace) {
					lostRaces.add(logged);
				}
				else if (signalRetried) {
					retried.add(logged);
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
	List<Logged> unhandled() {
		return unhandled;
	}

	/** Deliveries rolled back because another node's worker got there first, and then delivered again. */
	List<Logged> lostRaces() {
		return lostRaces;
	}

	/** Deliveries that failed alone too and were postponed (the signal worker's warning). */
	List<Logged> retried() {
		return retried;
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
	record Logged(String where, String level, String thread, String logger, StringBuilder lines) {

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
