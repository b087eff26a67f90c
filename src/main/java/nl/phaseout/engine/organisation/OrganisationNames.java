package nl.phaseout.engine.organisation;

import java.util.Optional;

import nl.phaseout.engine.system.PlainText;

/**
 * What an organisation's name may hold. It is shown in Tasklist's task names and inside the
 * Camunda Forms' text, which renders Markdown and HTML; so a name is plain text: no control or
 * invisible formatting characters (U+0000, line breaks, the bidirectional overrides such as
 * U+202E that reorder what a reader sees), and none of {@code < > [ ]}, which would make it an
 * HTML tag or a Markdown link there. Refused rather than escaped: an escaped name would read
 * differently in every other place it appears (CSV, the API, status events).
 */
final class OrganisationNames {

	static final int MAX_LENGTH = 255;

	private static final String MARKUP = "<>[]";

	private OrganisationNames() {
	}

	static Optional<String> problem(String name) {
		if (name.length() > MAX_LENGTH) {
			return Optional.of("name must be at most " + MAX_LENGTH + " characters");
		}
		int hidden = name.codePoints().filter(OrganisationNames::hidden).findFirst().orElse(-1);
		if (hidden >= 0) {
			return Optional.of(String.format("name must not contain control or formatting characters (found U+%04X)",
					hidden));
		}
		int markup = name.codePoints().filter(c -> MARKUP.indexOf(c) >= 0).findFirst().orElse(-1);
		if (markup >= 0) {
			return Optional.of("name must not contain '" + Character.toString(markup)
					+ "': the characters < > [ ] would be markup in Camunda Forms");
		}
		return Optional.empty();
	}

	/** The text with control and formatting characters shown as code points, for an error message. */
	static String printable(String text) {
		StringBuilder shown = new StringBuilder();
		text.codePoints().limit(MAX_LENGTH).forEach(c -> {
			if (hidden(c)) {
				shown.append(String.format("U+%04X", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		return shown.toString();
	}

	private static boolean hidden(int c) {
		return PlainText.hidden(c);
	}

}
