package nl.phaseout.engine.inventory;

import java.util.List;

/** A manual inventory upload that cannot be published, with what is wrong, line by line. */
public class InvalidUploadException extends RuntimeException {

	private final List<String> problems;

	private final int count;

	InvalidUploadException(List<String> problems, int count) {
		super(count + (count == 1 ? " problem" : " problems") + ", nothing was published: "
				+ String.join("; ", problems.subList(0, Math.min(problems.size(), 10)))
				+ (count > 10 ? "; ..." : ""));
		this.problems = List.copyOf(problems);
		this.count = count;
	}

	/** The problems, each naming its line; at most the first hundred. */
	public List<String> problems() {
		return problems;
	}

	/** How many problems there were in all. */
	public int count() {
		return count;
	}

}
