package nl.phaseout.engine.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.AlternativeSelection;
import nl.phaseout.engine.inventory.InventoryState;

/** Takes over an alternative selected by an event that arrived before the process asked. */
@Component("selectedAlternativeDelegate")
class SelectedAlternativeDelegate implements JavaDelegate {

	private final InventoryState inventory;

	private final ProcessRecord record;

	SelectedAlternativeDelegate(InventoryState inventory, ProcessRecord record) {
		this.inventory = inventory;
		this.record = record;
	}

	@Override
	public void execute(DelegateExecution execution) {
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		AlternativeSelection selection = inventory
			.alternativeSelection(organisation.campaignId(), organisation.organisationId())
			.orElseThrow(() -> new IllegalStateException("No alternative selected for " + organisation));
		execution.setVariables(EventVariables.of(selection));
		Recorder.record(record, execution, ProcessRecord.Kind.ALTERNATIVE,
				EventVariables.actor(selection.eventSource(), selection.eventId()), EventVariables.record(selection));
	}

}
