package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nl.phaseout.engine.system.DutchText;
import nl.phaseout.engine.system.PlainText;

/**
 * The process's view of the inventory projection (implemented by the inventory package).
 * Every call locks the organisation's projection row for the current transaction, so a
 * process that checks a condition and an ingestion that changes it are serialised: a
 * condition met while the process was on its way to a wait state, or a task, is never missed.
 */
public interface InventoryState {

	InventorySnapshot snapshot(String campaignId, String organisationId);

	/** An {@code alternative.selected} event already received for the organisation. */
	Optional<AlternativeSelection> alternativeSelection(String campaignId, String organisationId);

	/** The {@code contract.terminated} events received for the organisation, the latest first. */
	List<ContractTermination> contractTerminations(String campaignId, String organisationId);

	/**
	 * Up to {@code limit} live endpoints of the organisation in this state (not {@code RETIRED}), by id,
	 * and how many there are.
	 */
	EndpointList endpoints(String campaignId, String organisationId, EndpointStatus status, int limit);

	/**
	 * Up to {@code limit} live endpoints the organisation's last scan does not cover (when it says when
	 * it started: those not observed between its start and completion), by id, and how many there are.
	 */
	default EndpointList uncovered(String campaignId, String organisationId, int limit) {
		return new EndpointList(List.of(), 0);
	}

	record EndpointList(List<Endpoint> endpoints, long total) {

		/** The most a list holds, well inside what a process variable stores (4,000 characters). */
		public static final int MAX_LENGTH = 3800;

		/**
		 * One line per endpoint, and how many more there are, in Dutch; plain text for a read-only
		 * form field, every value from a feed shown as {@link PlainText#value}: no line a feed writes
		 * can pass for another endpoint, and no bidi override reorders the line.
		 */
		public String describe() {
			StringBuilder text = new StringBuilder();
			int shown = 0;
			for (Endpoint endpoint : endpoints) {
				String line = "- " + endpoint.describe() + "\n";
				if (text.length() + line.length() > MAX_LENGTH) {
					break;
				}
				text.append(line);
				shown++;
			}
			if (total > shown) {
				text.append("… en nog ").append(total - shown).append('\n');
			}
			return text.toString();
		}

	}

	/**
	 * An endpoint as the form shows it: its id, what it runs, when (a Dutch date) and by whom (the
	 * source as words) it was last reported.
	 */
	record Endpoint(String endpointId, String products, Instant observedAt, String source) {

		String describe() {
			return PlainText.value(endpointId)
					+ (products == null || products.isBlank() ? "" : ": " + PlainText.value(products)) + " (gemeld op "
					+ DutchText.dateTime(observedAt) + " door " + DutchText.source(source) + ")";
		}

	}

}
