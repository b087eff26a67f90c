package nl.phaseout.engine.system;

/**
 * Text from users and feeds (endpoint ids, product fields, sources, notes) as the engine shows it:
 * as text, in a form field that renders plain text, never inside Markdown or HTML. What a reader
 * cannot see is shown by its code point ({@code [U+202E]}): controls, line breaks inside a value,
 * and formatting characters such as the bidirectional overrides that would reorder what follows.
 */
public final class PlainText {

	/** Longer values are cut here, with an ellipsis: a list line names, it does not carry a document. */
	public static final int MAX_VALUE_LENGTH = 200;

	private PlainText() {
	}

	/** One value on one line: hidden characters (line breaks too) by their code point, cut at 200 characters. */
	public static String value(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder shown = new StringBuilder();
		int[] codePoints = text.codePoints().toArray();
		for (int i = 0; i < codePoints.length && i < MAX_VALUE_LENGTH; i++) {
			int c = codePoints[i];
			if (hidden(c)) {
				shown.append(String.format("[U+%04X]", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		}
		if (codePoints.length > MAX_VALUE_LENGTH) {
			shown.append('…');
		}
		return shown.toString();
	}

	/**
	 * Any length of text, lines kept: hidden characters other than line breaks and tabs by their code
	 * point. For a note or a record shown on a page, where it stays text (Thymeleaf's th:text).
	 */
	public static String text(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder shown = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			if (hidden(c) && c != '\n' && c != '\t') {
				shown.append(String.format("[U+%04X]", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		return shown.toString();
	}

	/**
	 * Whether a reader cannot see the character as itself: controls (Cc), formatting such as bidi
	 * overrides and zero-width characters (Cf), line and paragraph separators, unassigned, private
	 * use and lone surrogates.
	 */
	public static boolean hidden(int c) {
		int type = Character.getType(c);
		return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
				|| type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
				|| type == Character.PRIVATE_USE || type == Character.SURROGATE;
	}

}
