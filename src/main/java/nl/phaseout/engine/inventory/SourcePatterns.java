package nl.phaseout.engine.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Who may report for whom, as written in the contract: an entry is an exact CloudEvents
 * {@code source} or a prefix ending in {@code *}. Used for an organisation's own sources and for
 * {@code phaseout.inventory.trusted-sources}. Comparison is exact (case-sensitive), as the
 * CloudEvents specification compares sources.
 */
public final class SourcePatterns {

	/** As long as the longest source the engine accepts. */
	public static final int MAX_LENGTH = 500;

	/** Per organisation: a handful of inventory and procurement systems, not an open list. */
	public static final int MAX_ENTRIES = 50;

	private SourcePatterns() {
	}

	/** What is wrong with the entry, in words a person can act on; empty when it is valid. */
	public static Optional<String> problem(String entry) {
		if (entry == null || entry.isBlank()) {
			return Optional.of("a source must not be empty");
		}
		String quoted = "'" + printable(entry) + "'";
		if (entry.length() > MAX_LENGTH) {
			return Optional.of("source " + quoted + " is longer than " + MAX_LENGTH + " characters");
		}
		if (entry.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
				|| Character.getType(c) == Character.FORMAT)) {
			return Optional.of("source " + quoted + " must not contain spaces or control characters");
		}
		int star = entry.indexOf('*');
		if (star >= 0 && star != entry.length() - 1) {
			return Optional.of("source " + quoted + " may contain '*' only at its end (a prefix)");
		}
		if (entry.equals("*")) {
			// A bare '*' would let any publisher report: name the prefix the systems share instead.
			return Optional.of("source '*' would allow every source; give a prefix such as 'urn:inventory:*'");
		}
		return Optional.empty();
	}

	/** The problems of a list of entries (its size included); empty when every entry is valid. */
	public static List<String> problems(Collection<String> entries) {
		List<String> problems = new ArrayList<>();
		if (entries == null) {
			return problems;
		}
		if (entries.size() > MAX_ENTRIES) {
			problems.add("at most " + MAX_ENTRIES + " sources may be given, not " + entries.size());
			return problems;
		}
		entries.forEach(entry -> problem(entry == null ? null : entry.strip()).ifPresent(problems::add));
		return problems;
	}

	/** The entries stripped, without repeats, in their order; call after {@link #problems} found none. */
	public static List<String> normalise(Collection<String> entries) {
		if (entries == null) {
			return List.of();
		}
		return List.copyOf(new LinkedHashSet<>(entries.stream().map(String::strip).toList()));
	}

	public static boolean matches(String pattern, String source) {
		return pattern.endsWith("*") ? source.startsWith(pattern.substring(0, pattern.length() - 1))
				: pattern.equals(source);
	}

	public static boolean anyMatches(Collection<String> patterns, String source) {
		for (String pattern : patterns) {
			if (matches(pattern, source)) {
				return true;
			}
		}
		return false;
	}

	/** The entry with control and format characters shown as code points: an error message stays one line. */
	static String printable(String text) {
		StringBuilder shown = new StringBuilder();
		text.codePoints().limit(MAX_LENGTH).forEach(c -> {
			if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
				shown.append(String.format("U+%04X", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		return shown.toString();
	}

}
