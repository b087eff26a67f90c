package nl.phaseout.engine.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.ContractTermination;

/** Takes over a contract termination of the banned product's vendor reported before the process asked. */
@Component("contractTerminationDelegate")
class ContractTerminationDelegate implements JavaDelegate {

	private final Contracts contracts;

	private final ProcessRecord record;

	ContractTerminationDelegate(Contracts contracts, ProcessRecord record) {
		this.contracts = contracts;
		this.record = record;
	}

	@Override
	public void execute(DelegateExecution execution) {
		ContractTermination termination = contracts.ended(execution)
			.orElseThrow(() -> new IllegalStateException(
					"No contract termination of the banned product's vendor known for " + OrganisationInCampaign.of(execution)));
		execution.setVariables(EventVariables.of(termination));
		Recorder.record(record, execution, ProcessRecord.Kind.CONTRACT_ENDED,
				EventVariables.actor(termination.eventSource(), termination.eventId()), EventVariables.record(termination));
	}

}
