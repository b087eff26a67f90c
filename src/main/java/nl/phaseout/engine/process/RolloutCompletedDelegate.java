package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.ROLLOUT_COMPLETED_AT;
import static nl.phaseout.engine.process.ProcessConstants.Var.VERIFY_SCANS_AFTER;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.InventoryState;

/**
 * Records when the rollout was complete, on the inventory's clock: the latest inventory time of
 * the endpoint events that made it so. Verification needs a scan that completed after that
 * moment, whenever the scan is delivered: a backlog delivered hours late verifies as it would
 * have live, and a scan that completed before the last endpoint changed does not count.
 */
@Component("rolloutCompletedDelegate")
class RolloutCompletedDelegate implements JavaDelegate {

	private final InventoryState inventory;

	RolloutCompletedDelegate(InventoryState inventory) {
		this.inventory = inventory;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Instant completedAt = OrganisationInCampaign.of(execution).snapshot(inventory).inventoryTime();
		Date at = completedAt == null ? null : Date.from(completedAt);
		execution.setVariable(ROLLOUT_COMPLETED_AT, at);
		execution.setVariable(VERIFY_SCANS_AFTER, at);
	}

}
