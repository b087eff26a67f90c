package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * Something the process must hear about one organisation, recorded through {@link InventoryChanges}
 * by whoever saw it happen and delivered by the process's own worker. The one vocabulary
 * between ingestion and the process: signals that are equal are delivered once, however many
 * were recorded. {@code due} is when to deliver it ({@code null}: as soon as possible).
 */
public record Signal(Kind kind, String campaignId, String organisationId, Instant due) implements Comparable<Signal> {

	/**
	 * By organisation first, as ingestion locks the organisations' counts rows
	 * ({@code CountsRepository.lock}): the worker and ingestion never wait for each other in a circle.
	 */
	static final Comparator<Signal> DELIVERY_ORDER = Comparator.comparing(Signal::organisationId)
		.thenComparing(signal -> signal.campaignId() == null ? "" : signal.campaignId())
		.thenComparing(Signal::kind)
		.thenComparing(Signal::due, Comparator.nullsFirst(Comparator.naturalOrder()));

	public enum Kind {

		/** A condition the process may wait for changed: a scan completed, rollout completeness, a gap, banned. */
		INVENTORY_CHANGED,

		ALTERNATIVE_SELECTED,

		CONTRACT_TERMINATED,

		/** Banned products appeared in the campaign: a regression if the organisation had phased out. */
		BANNED_APPEARED

	}

	public static Signal inventoryChanged(String organisationId) {
		return new Signal(Kind.INVENTORY_CHANGED, null, organisationId, null);
	}

	public static Signal alternativeSelected(String organisationId) {
		return new Signal(Kind.ALTERNATIVE_SELECTED, null, organisationId, null);
	}

	public static Signal contractTerminated(String organisationId) {
		return new Signal(Kind.CONTRACT_TERMINATED, null, organisationId, null);
	}

	/** A contract that ends on a day to come counts on that day: the process is told again then. */
	public static Signal contractEnds(String organisationId, LocalDate endDate) {
		return new Signal(Kind.CONTRACT_TERMINATED, null, organisationId,
				endDate.atStartOfDay(ContractTermination.ZONE).toInstant());
	}

	/** The campaign's banned count went from none to some: the process decides whether that is a regression. */
	public static Signal bannedAppeared(String campaignId, String organisationId) {
		return new Signal(Kind.BANNED_APPEARED, campaignId, organisationId, null);
	}

	@Override
	public int compareTo(Signal other) {
		return DELIVERY_ORDER.compare(this, other);
	}

}
