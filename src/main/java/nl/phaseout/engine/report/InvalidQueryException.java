package nl.phaseout.engine.report;

import java.util.List;

/**
 * A request parameter the office's views cannot work with; the message says which and why in
 * English (the API's problem detail), {@link #problems()} the same as codes and values, for a
 * page that says it in its own language.
 */
public class InvalidQueryException extends RuntimeException {

	private final List<Problem> problems;

	public InvalidQueryException(String message) {
		this(message, List.of());
	}

	InvalidQueryException(String message, List<Problem> problems) {
		super(message);
		this.problems = List.copyOf(problems);
	}

	public List<Problem> problems() {
		return problems;
	}

	/**
	 * One thing wrong: which parameter, what kind of problem ({@code unknown}, {@code range},
	 * {@code number}, {@code length}) and the values to say it with.
	 */
	public record Problem(String parameter, String kind, List<Object> values) {
	}

}
