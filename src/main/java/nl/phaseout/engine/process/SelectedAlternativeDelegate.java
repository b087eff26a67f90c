package nl.phaseout.engine.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Takes over an alternative selected by an event that arrived before the process asked. */
@Component("selectedAlternativeDelegate")
class SelectedAlternativeDelegate implements JavaDelegate {

	private final InventoryState inventory;

	SelectedAlternativeDelegate(InventoryState inventory) {
		this.inventory = inventory;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String organisationId = OrganisationInCampaign.of(execution).organisationId();
		AlternativeSelection selection = inventory.alternativeSelection(organisationId)
			.orElseThrow(() -> new IllegalStateException("No alternative selected for " + organisationId));
		execution.setVariables(EventVariables.of(selection));
	}

}
