package nl.phaseout.engine.campaign;

import java.util.List;

/** A campaign definition or a change of status that is refused: 400, the detail naming every problem. */
public class InvalidCampaignException extends RuntimeException {

	private final List<String> problems;

	public InvalidCampaignException(List<String> problems) {
		super("The campaign is refused: " + String.join("; ", problems) + ".");
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
