package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.ROLLOUT_COMPLETED_AT;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The conditions the process's gateways ask of the inventory projection, as
 * {@code ${inventoryConditions.rolloutComplete(execution)}}. Every wait state is preceded by
 * one of these checks, so a condition already met never leaves the process waiting.
 * Public because the expression language only calls methods of public classes.
 */
@Component("inventoryConditions")
public class InventoryConditions {

	private final InventoryState inventory;

	InventoryConditions(InventoryState inventory) {
		this.inventory = inventory;
	}

	public boolean baselineKnown(DelegateExecution execution) {
		return snapshot(execution).baselineKnown();
	}

	public boolean bannedFound(DelegateExecution execution) {
		return snapshot(execution).banned() > 0;
	}

	public boolean rolloutComplete(DelegateExecution execution) {
		return snapshot(execution).rolloutComplete();
	}

	public boolean protectionGap(DelegateExecution execution) {
		return snapshot(execution).protectionGap();
	}

	/** A scan completed after the moment the rollout was recorded complete. */
	public boolean scannedAfterRollout(DelegateExecution execution) {
		Date rolloutCompletedAt = (Date) execution.getVariable(ROLLOUT_COMPLETED_AT);
		return snapshot(execution).scannedAfter(rolloutCompletedAt == null ? null : rolloutCompletedAt.toInstant());
	}

	/** No banned product and no unprotected endpoint. */
	public boolean verifiedClean(DelegateExecution execution) {
		InventorySnapshot snapshot = snapshot(execution);
		return snapshot.banned() == 0 && snapshot.unprotected() == 0;
	}

	public boolean alternativeSelected(DelegateExecution execution) {
		return inventory.alternativeSelection(OrganisationInCampaign.of(execution).organisationId()).isPresent();
	}

	public boolean contractTerminated(DelegateExecution execution) {
		return inventory.contractTermination(OrganisationInCampaign.of(execution).organisationId()).isPresent();
	}

	private InventorySnapshot snapshot(DelegateExecution execution) {
		return OrganisationInCampaign.of(execution).snapshot(inventory);
	}

}
