package nl.phaseout.engine.process;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Records the moment the organisation is phased out. */
@Component("phasedOutRecorded")
class PhasedOutRecorded implements ExecutionListener {

	private final ProcessRecord record;

	PhasedOutRecorded(ProcessRecord record) {
		this.record = record;
	}

	@Override
	public void notify(DelegateExecution execution) {
		Recorder.record(record, execution, ProcessRecord.Kind.PHASED_OUT, null,
				Map.of("phasedOutAt", Recorder.now().toString()));
	}

}
