package nl.phaseout.engine.inventory;

import java.util.List;

/**
 * A manual inventory upload that cannot be published, with what is wrong, line by line: in English
 * ({@link #problems()}, the API's) and as kinds and values ({@link #details()}), for a page that
 * says it in its own language.
 */
public class InvalidUploadException extends RuntimeException {

	private final List<Problem> details;

	private final int count;

	InvalidUploadException(List<Problem> details, int count) {
		super(count + (count == 1 ? " problem" : " problems") + ", nothing was published: "
				+ String.join("; ", details.subList(0, Math.min(details.size(), 10)).stream().map(Problem::english).toList())
				+ (count > 10 ? "; ..." : ""));
		this.details = List.copyOf(details);
		this.count = count;
	}

	/** The problems in English, each naming its line; at most the first hundred. */
	public List<String> problems() {
		return details.stream().map(Problem::english).toList();
	}

	/** The same problems as kinds and values. */
	public List<Problem> details() {
		return details;
	}

	/** How many problems there were in all. */
	public int count() {
		return count;
	}

	/**
	 * One problem: the line it is on (0 for the upload as a whole), its kind ({@code header},
	 * {@code fieldCount}, {@code field.markup}, ...: message {@code upload.problem.<kind>}), the values
	 * to say it with, and what the API says.
	 */
	public record Problem(int line, String kind, List<Object> values, String english) {

		static Problem of(int line, String kind, String english, Object... values) {
			return new Problem(line, kind, List.of(values), line > 0 ? "line " + line + ": " + english : english);
		}

	}

}
