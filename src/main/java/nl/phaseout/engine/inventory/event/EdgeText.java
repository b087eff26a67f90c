package nl.phaseout.engine.inventory.event;

import java.util.List;
import java.util.Optional;

/**
 * The rule for what feeds and uploads name (endpoint ids, product fields): text that is shown to
 * people as it is, so nothing in it may make it read otherwise. No control characters (Unicode Cc),
 * no formatting characters (Cf, such as U+202E, the right-to-left override, which shows
 * {@code exe.doc} as {@code cod.exe}), none of {@code < > [ ]} (markup and link syntax), and at most
 * {@value #MAX_LENGTH} characters. The same rule on Kafka (dead-lettered) and in an upload (400).
 */
public final class EdgeText {

	public static final int MAX_LENGTH = 200;

	private EdgeText() {
	}

	/** What is wrong with the text, in words that follow its name ("data.endpointId ..."); empty when nothing. */
	public static Optional<String> problem(String text, int maxLength) {
		return issue(text, maxLength).map(Issue::english);
	}

	/**
	 * The same as {@link #problem}, also as a kind ({@code tooLong}, {@code control}, {@code format},
	 * {@code markup}) and its values, for a page that says it in its own language.
	 */
	public static Optional<Issue> issue(String text, int maxLength) {
		if (text.length() > maxLength) {
			return Optional.of(new Issue("tooLong", List.of(maxLength), "is longer than " + maxLength + " characters"));
		}
		for (int i = 0, position = 1; i < text.length(); position++) {
			int c = text.codePointAt(i);
			int type = Character.getType(c);
			if (type == Character.CONTROL) {
				String code = code(c);
				return Optional.of(new Issue("control", List.of(code, position),
						"contains the control character " + code + " at position " + position));
			}
			if (type == Character.FORMAT) {
				String code = code(c);
				return Optional.of(new Issue("format", List.of(code, position), "contains the formatting character "
						+ code + " at position " + position + "; such characters change how text reads"));
			}
			if (c == '<' || c == '>' || c == '[' || c == ']') {
				return Optional.of(new Issue("markup", List.of(String.valueOf((char) c), position), "contains '"
						+ (char) c + "' at position " + position + "; '<', '>', '[' and ']' are not allowed"));
			}
			i += Character.charCount(c);
		}
		return Optional.empty();
	}

	/** U+0041 for A: formatted only for a character that is refused (it ran for every character, a third of ingestion). */
	private static String code(int c) {
		return String.format("U+%04X", c);
	}

	/** What is wrong: its kind, the values to say it with (the position counts from 1), and in English. */
	public record Issue(String kind, List<Object> values, String english) {
	}

}
