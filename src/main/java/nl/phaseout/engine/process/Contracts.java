package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.CONTRACT_ENDED_ON;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.ContractTermination;
import nl.phaseout.engine.inventory.InventoryState;

/**
 * Which contract termination ends the banned product's contract: one from a vendor of the banned
 * product, whose end date has come on the engine's clock. A vendor is the banned product's when one of
 * the campaign's {@code vendors} is part of its name, regardless of case: the rule the product
 * classification applies, so "AO Kaspersky Lab", whose products are banned, is a vendor of
 * {@code kaspersky}. A termination of any other vendor's
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

	/** Whether the confirmed end date ({@code contractEndedOn}, yyyy-MM-dd) has come on the engine's clock. */
	public boolean endDateReached(VariableScope scope) {
		return !endDate(scope).isAfter(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ContractTermination.ZONE));
	}

	/** When the confirmed end date begins, Dutch time: the contract has ended from then on. */
	public Date endDateStarts(VariableScope scope) {
		return Date.from(endDate(scope).atStartOfDay(ContractTermination.ZONE).toInstant());
	}

	private static LocalDate endDate(VariableScope scope) {
		return LocalDate.parse((String) scope.getVariable(CONTRACT_ENDED_ON));
	}

	/**
	 * Whether one of the entries is part of the vendor's name, regardless of case. An entry written as
	 * a prefix ending in '*' (before 0.3, and still in the variables of processes started then) is read
	 * without its '*'.
	 */
	static boolean ofBannedVendor(List<String> entries, String vendor) {
		String name = vendor.toLowerCase(Locale.ROOT);
		return entries.stream()
			.map(entry -> entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry)
			.map(entry -> entry.strip().toLowerCase(Locale.ROOT))
			.anyMatch(entry -> !entry.isEmpty() && name.contains(entry));
	}

}
