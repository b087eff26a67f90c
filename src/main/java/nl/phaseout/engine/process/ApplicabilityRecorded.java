package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.APPLICABILITY;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Records how the organisation's applicability was decided, once the decision table answered. */
@Component("applicabilityRecorded")
class ApplicabilityRecorded implements ExecutionListener {

	private final ProcessEvents events;

	private final ProcessRecord record;

	ApplicabilityRecorded(ProcessEvents events, ProcessRecord record) {
		this.events = events;
		this.record = record;
	}

	@Override
	public void notify(DelegateExecution execution) {
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		String applicability = (String) execution.getVariable(APPLICABILITY);
		events.applicabilityDecided(organisation.campaignId(), organisation.organisationId(), applicability);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("applicability", applicability);
		Participant participant = ParticipantSession.current().participant(execution);
		data.put("category", participant.category());
		data.put("decidedBy", "decision table " + participant.applicabilityDecision());
		Recorder.record(record, execution, ProcessRecord.Kind.APPLICABILITY, null, data);
	}

}
