package nl.phaseout.engine.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.InventoryState;

/** Records the baseline: the scan and the counts the process decided on when it left the inventory wait. */
@Component("baselineRecorded")
class BaselineRecorded implements ExecutionListener {

	private final InventoryState inventory;

	private final ProcessRecord record;

	BaselineRecorded(InventoryState inventory, ProcessRecord record) {
		this.inventory = inventory;
		this.record = record;
	}

	@Override
	public void notify(DelegateExecution execution) {
		InventorySnapshot snapshot = OrganisationInCampaign.of(execution).snapshot(inventory);
		Recorder.record(record, execution, ProcessRecord.Kind.BASELINE_SCAN, null, Recorder.scan(snapshot));
	}

}
