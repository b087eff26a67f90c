package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.ALTERNATIVE_PRODUCT;
import static nl.phaseout.engine.process.ProcessConstants.Var.ALTERNATIVE_VENDOR;
import static nl.phaseout.engine.process.ProcessConstants.Var.CONTRACT_ENDED_ON;
import static nl.phaseout.engine.process.ProcessConstants.Var.CONTRACT_END_REMARKS;
import static nl.phaseout.engine.process.ProcessConstants.Var.RATIONALE;

import java.util.Map;

import nl.phaseout.engine.inventory.AlternativeSelection;
import nl.phaseout.engine.inventory.ContractTermination;

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
		return Map.of(CONTRACT_ENDED_ON, termination.endsOn().toString(), CONTRACT_END_REMARKS,
				"terminated by event: contract " + termination.contractId() + " with " + termination.vendor());
	}

	/** Who completed a task or took its place: the event, by its CloudEvents identity. */
	static String actor(String source, String id) {
		return "event " + id + " from " + source;
	}

	/** What the record keeps of a selection made by an event. */
	static Map<String, Object> record(AlternativeSelection selection) {
		return Map.of("alternativeVendor", selection.vendor(), "alternativeProduct", selection.product(),
				"selectedAt", selection.selectedAt().toString(), "eventSource", selection.eventSource(), "eventId",
				selection.eventId());
	}

	/** What the record keeps of a contract's end reported by an event. */
	static Map<String, Object> record(ContractTermination termination) {
		var data = new java.util.LinkedHashMap<String, Object>();
		data.put("vendor", termination.vendor());
		data.put("contractId", termination.contractId());
		data.put("terminatedAt", termination.terminatedAt().toString());
		data.put("endDate", termination.endDate() == null ? null : termination.endDate().toString());
		data.put("contractEndedOn", termination.endsOn().toString());
		data.put("eventSource", termination.eventSource());
		data.put("eventId", termination.eventId());
		return data;
	}

	private EventVariables() {
	}

}
