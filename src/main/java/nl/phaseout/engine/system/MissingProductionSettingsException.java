package nl.phaseout.engine.system;

import java.util.List;

/** The {@code prod} profile was chosen without the settings it cannot run without, or with unsafe ones. */
public class MissingProductionSettingsException extends IllegalStateException {

	private final List<String> missing;

	MissingProductionSettingsException(List<String> missing) {
		super("The prod profile cannot start; missing or unsafe: " + String.join(", ", missing));
		this.missing = List.copyOf(missing);
	}

	public List<String> missing() {
		return missing;
	}

}
