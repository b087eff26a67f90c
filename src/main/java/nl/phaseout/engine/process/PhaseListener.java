package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.PHASE;

import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Runs when an element that starts a phase is entered: keeps variable {@code phase} and
 * reports the change. Entering the same phase again (a wait state's re-check) reports nothing.
 */
class PhaseListener implements ExecutionListener {

	private final Phase phase;

	private final Supplier<ProcessEvents> events;

	PhaseListener(Phase phase, Supplier<ProcessEvents> events) {
		this.phase = phase;
		this.events = events;
	}

	@Override
	public void notify(DelegateExecution execution) {
		Object previousName = execution.getVariable(PHASE);
		Phase previous = previousName == null ? null : Phase.valueOf((String) previousName);
		if (previous == phase) {
			return;
		}
		execution.getProcessInstance().setVariable(PHASE, phase.name());
		FormTexts.phaseChanged(execution, phase.name());
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		events.get()
			.phaseChanged(organisation.campaignId(), organisation.organisationId(), execution.getProcessInstanceId(),
					phase, previous, ClockUtil.getCurrentTime().toInstant());
	}

}
