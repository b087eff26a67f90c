package nl.phaseout.engine.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Takes over a contract termination reported by an event before the process asked. */
@Component("contractTerminationDelegate")
class ContractTerminationDelegate implements JavaDelegate {

	private final InventoryState inventory;

	ContractTerminationDelegate(InventoryState inventory) {
		this.inventory = inventory;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String organisationId = OrganisationInCampaign.of(execution).organisationId();
		ContractTermination termination = inventory.contractTermination(organisationId)
			.orElseThrow(() -> new IllegalStateException("No contract termination known for " + organisationId));
		execution.setVariables(EventVariables.of(termination));
	}

}
