package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

		/** One line per endpoint, and how many more there are. */
		public String describe() {
			StringBuilder text = new StringBuilder();
			endpoints.forEach(endpoint -> text.append("- ").append(endpoint.describe()).append('\n'));
			if (total > endpoints.size()) {
				text.append("… and ").append(total - endpoints.size()).append(" more\n");
			}
			return text.toString();
		}

	}

	/** An endpoint as the form shows it: its id, what it runs, when and by whom it was last reported. */
	record Endpoint(String endpointId, String products, Instant observedAt, String source) {

		String describe() {
			return endpointId + (products == null || products.isBlank() ? "" : ": " + products) + " (reported "
					+ observedAt + " by " + source + ")";
		}

	}

}
