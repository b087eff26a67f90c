package nl.phaseout.engine.process;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.ContractTermination;
import nl.phaseout.engine.inventory.InventoryState;

/**
 * Which contract termination ends the banned product's contract: one from a vendor of the banned
 * product (the campaign's {@code vendors}: an exact name, or a prefix ending in '*', regardless of
 * case), whose end date has come on the engine's clock. A termination of any other vendor's
 * contract, or one whose end date lies ahead, does not count (yet). Public for the expression
 * language.
 */
@Component("contracts")
public class Contracts {

	private final InventoryState inventory;

	Contracts(InventoryState inventory) {
		this.inventory = inventory;
	}

	/** The termination that ends the banned product's contract today, if one does. */
	public Optional<ContractTermination> ended(DelegateExecution execution) {
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		return ended(organisation.campaignId(), organisation.organisationId(),
				ParticipantSession.current().participant(execution).bannedVendors());
	}

	/** The same for the organisation in the campaign, given the campaign's vendors. */
	Optional<ContractTermination> ended(String campaignId, String organisationId, List<String> vendors) {
		LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ContractTermination.ZONE);
		return inventory.contractTerminations(campaignId, organisationId)
			.stream()
			.filter(termination -> ofBannedVendor(vendors, termination.vendor()))
			.filter(termination -> !termination.endsOn().isAfter(today))
			.findFirst();
	}

	public boolean terminated(DelegateExecution execution) {
		return ended(execution).isPresent();
	}

	static boolean ofBannedVendor(List<String> patterns, String vendor) {
		String name = vendor.strip().toLowerCase(Locale.ROOT);
		return patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).anyMatch(pattern -> pattern.endsWith("*")
				? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern));
	}

}
