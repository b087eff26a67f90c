package nl.phaseout.engine.exemption;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Timer_ExemptionExpires} fired: the exemption ends, on the engine's clock. */
@Component("exemptionExpiry")
class ExemptionExpiry implements JavaDelegate {

	private final Exemptions exemptions;

	ExemptionExpiry(Exemptions exemptions) {
		this.exemptions = exemptions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		exemptions.expire(execution.getProcessInstanceId());
	}

}
