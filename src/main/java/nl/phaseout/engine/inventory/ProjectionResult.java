package nl.phaseout.engine.inventory;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;


/**
 * What one batch did: outcomes per event, and what the process must hear of it, once per
 * organisation and kind (recorded in the process's inbox in the same transaction).
 */
record ProjectionResult(Map<Outcome, Integer> outcomes, SortedSet<Signal> signals) {

	static ProjectionResult empty() {
		return new ProjectionResult(new EnumMap<>(Outcome.class), new TreeSet<>());
	}

	void add(Outcome outcome) {
		outcomes.merge(outcome, 1, Integer::sum);
	}

	void tell(Signal signal) {
		signals.add(signal);
	}

	int count(Outcome outcome) {
		return outcomes.getOrDefault(outcome, 0);
	}

}
