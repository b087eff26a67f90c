package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.VERIFY_SCANS_AFTER;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.InventoryState;

/**
 * The conditions the process's gateways ask of the inventory projection, as
 * {@code ${inventoryConditions.rolloutComplete(execution)}}. Every wait state and every task that
 * an event may complete is preceded by one of these checks, each under the organisation's
 * projection lock, so a condition already met never leaves the process waiting and an event that
 * lands while the process moves on is seen by one side or the other.
 * Public because the expression language only calls methods of public classes.
 */
@Component("inventoryConditions")
public class InventoryConditions {

	private final InventoryState inventory;

	private final ExemptedSignOff exemptedSignOff;

	InventoryConditions(InventoryState inventory) {
		this(inventory, ExemptedSignOff.NEVER);
	}

	@Autowired
	InventoryConditions(InventoryState inventory, ExemptedSignOff exemptedSignOff) {
		this.inventory = inventory;
		this.exemptedSignOff = exemptedSignOff;
	}

	public boolean baselineKnown(DelegateExecution execution) {
		return snapshot(execution).baselineKnown();
	}

	/**
	 * Endpoints run the banned product: banned ones, and exempted ones where the campaign does not let
	 * them pass to sign-off.
	 */
	public boolean bannedFound(DelegateExecution execution) {
		InventorySnapshot snapshot = snapshot(execution);
		return snapshot.banned() > 0 || (snapshot.exempted() > 0 && !exemptedMaySignOff(execution));
	}

	public boolean rolloutComplete(DelegateExecution execution) {
		return snapshot(execution).rolloutComplete(exemptedMaySignOff(execution));
	}

	private boolean exemptedMaySignOff(DelegateExecution execution) {
		return exemptedSignOff.allowed(OrganisationInCampaign.of(execution).campaignId());
	}

	public boolean protectionGap(DelegateExecution execution) {
		return snapshot(execution).protectionGap();
	}

	/**
	 * A scan completed after the moment verification waits from (the rollout's completion, or a
	 * refused scan), on the inventory's clock; any scan when there is no such moment.
	 */
	public boolean scannedAfterRollout(DelegateExecution execution) {
		Date after = (Date) execution.getVariable(VERIFY_SCANS_AFTER);
		return snapshot(execution).scannedAfter(after == null ? null : after.toInstant());
	}

	public boolean alternativeSelected(DelegateExecution execution) {
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		return inventory.alternativeSelection(organisation.campaignId(), organisation.organisationId()).isPresent();
	}

	private InventorySnapshot snapshot(DelegateExecution execution) {
		return OrganisationInCampaign.of(execution).snapshot(inventory);
	}

}
