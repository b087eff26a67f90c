package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.ALTERNATIVE_PRODUCT;
import static nl.phaseout.engine.process.ProcessConstants.Var.ALTERNATIVE_VENDOR;
import static nl.phaseout.engine.process.ProcessConstants.Var.CONTRACT_ENDED_ON;
import static nl.phaseout.engine.process.ProcessConstants.Var.CONTRACT_REMARKS;
import static nl.phaseout.engine.process.ProcessConstants.Var.RATIONALE;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The variables a task would have got from its form, filled in from an event instead:
 * the same whether the event completes an open task or arrived before the task.
 */
final class EventVariables {

	static final String SELECTED_BY_EVENT = "selected by event";

	static Map<String, Object> of(AlternativeSelection selection) {
		return Map.of(ALTERNATIVE_VENDOR, selection.vendor(), ALTERNATIVE_PRODUCT, selection.product(), RATIONALE,
				SELECTED_BY_EVENT);
	}

	/** {@code contractEndedOn} as the form's date field has it (yyyy-MM-dd). */
	static Map<String, Object> of(ContractTermination termination) {
		LocalDate endedOn = termination.endDate() != null ? termination.endDate()
				: LocalDate.ofInstant(termination.terminatedAt(), ZoneOffset.UTC);
		return Map.of(CONTRACT_ENDED_ON, endedOn.toString(), CONTRACT_REMARKS,
				"terminated by event: contract " + termination.contractId() + " with " + termination.vendor());
	}

	private EventVariables() {
	}

}
