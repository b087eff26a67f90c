package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE_DUE;
import static nl.phaseout.engine.process.ProcessConstants.Var.MILESTONE_PHASE;
import static nl.phaseout.engine.process.ProcessConstants.Var.MISSED_DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Var.OVERDUE;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A deadline passed before its milestone: mark the organisation overdue and report it. */
@Component("missedDeadlineDelegate")
class MissedDeadlineDelegate implements JavaDelegate {

	private final ProcessEvents events;

	MissedDeadlineDelegate(ProcessEvents events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		String deadline = (String) execution.getVariable(DEADLINE);
		Date due = ParticipantSession.current().instance(execution).due(deadline);
		execution.setVariable(OVERDUE, true);
		execution.setVariable(MISSED_DEADLINE, deadline);
		// local to the watch: what the office's task shows
		execution.setVariableLocal(DEADLINE_DUE, due.toInstant().toString());
		execution.setVariableLocal(MILESTONE_PHASE,
				Milestone.byDeadline(deadline).map(m -> m.reachedAt().name()).orElse(null));
		events.deadlineMissed(organisation.campaignId(), organisation.organisationId(), deadline, due.toInstant(),
				Recorder.now());
	}

}
