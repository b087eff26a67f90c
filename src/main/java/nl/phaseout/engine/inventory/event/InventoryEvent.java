package nl.phaseout.engine.inventory.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A validated event from {@code phaseout.inventory}: its CloudEvents envelope and typed data. */
public sealed interface InventoryEvent {

	/** The content type of a record in structured mode: the whole CloudEvent as JSON in the value. */
	String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

	String ENDPOINT_OBSERVED = "phaseout.endpoint.observed";

	String ENDPOINT_RETIRED = "phaseout.endpoint.retired";

	String SCAN_COMPLETED = "phaseout.inventory.scan-completed";

	String ALTERNATIVE_SELECTED = "phaseout.alternative.selected";

	String CONTRACT_TERMINATED = "phaseout.contract.terminated";

	Envelope envelope();

	String organisationId();

	/** The CloudEvents attributes the engine uses; ({@code source}, {@code id}) identifies the event. */
	record Envelope(String source, String id, String type, Instant time) {
	}

	/** One security product on an endpoint; {@code state} is {@code active}, {@code passive} or {@code disabled}. */
	record Product(String vendor, String name, String version, String category, String state) {

		public boolean active() {
			return "active".equals(state);
		}

		public boolean antivirus() {
			return "antivirus".equalsIgnoreCase(category);
		}

	}

	record EndpointObserved(Envelope envelope, String organisationId, String endpointId, Instant observedAt,
			List<Product> products) implements InventoryEvent {
	}

	record EndpointRetired(Envelope envelope, String organisationId, String endpointId, Instant retiredAt)
			implements InventoryEvent {
	}

	/**
	 * A completed scan; {@code startedAt} (optional, not after {@code completedAt}) makes it cover exactly
	 * the live endpoints observed between the two.
	 */
	record ScanCompleted(Envelope envelope, String organisationId, String scanId, Instant completedAt,
			long endpointCount, Instant startedAt) implements InventoryEvent {
	}

	/** {@code campaignId}: the campaign the alternative is for (since 0.3); null: every campaign of the organisation. */
	record AlternativeSelected(Envelope envelope, String organisationId, String vendor, String product,
			Instant selectedAt, String campaignId) implements InventoryEvent {

		public AlternativeSelected(Envelope envelope, String organisationId, String vendor, String product,
				Instant selectedAt) {
			this(envelope, organisationId, vendor, product, selectedAt, null);
		}

	}

	record ContractTerminated(Envelope envelope, String organisationId, String vendor, String contractId,
			Instant terminatedAt, LocalDate endDate) implements InventoryEvent {
	}

}
