package nl.phaseout.engine.inventory;

import java.util.stream.Collectors;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;
import nl.phaseout.engine.inventory.EventStore.EventId;
import nl.phaseout.engine.inventory.InventoryEvent.EndpointObserved;
import nl.phaseout.engine.inventory.InventoryEvent.EndpointRetired;
import nl.phaseout.engine.inventory.InventoryEvent.Product;

/** Folds one observation or retirement into an endpoint row, classifying and keeping the observed products. */
final class EndpointFolder {

	private static final int MAX_BANNED_PRODUCTS_LENGTH = 2000;

	private final ProductClassifier classifier;

	EndpointFolder(ProductClassifier classifier) {
		this.classifier = classifier;
	}

	static String endpointId(InventoryEvent event) {
		if (event instanceof EndpointObserved observed) {
			return observed.endpointId();
		}
		if (event instanceof EndpointRetired retired) {
			return retired.endpointId();
		}
		throw new IllegalArgumentException("not an endpoint event: " + event.envelope().type());
	}

	/** The new row, or {@code null} when the event is stale. */
	EndpointRow fold(Campaign campaign, EndpointRow current, InventoryEvent event) {
		if (event instanceof EndpointObserved observed) {
			return observe(campaign, current, observed);
		}
		if (event instanceof EndpointRetired retired) {
			return EndpointRow.retire(current, campaign.campaignId(), retired.organisationId(), retired.endpointId(),
					retired.retiredAt(), EventId.of(retired.envelope()));
		}
		throw new IllegalArgumentException("not an endpoint event: " + event.envelope().type());
	}

	private EndpointRow observe(Campaign campaign, EndpointRow current, EndpointObserved observed) {
		if (current != null && current.observedAt() != null && !observed.observedAt().isAfter(current.observedAt())) {
			return null; // stale: decided before classifying, so old observations cost no evaluation
		}
		String decision = campaign.classificationDecisionKey();
		EndpointState state = EndpointState.of(observed.products(), p -> classifier.classify(decision, p));
		String banned = observed.products()
			.stream()
			.filter(p -> classifier.classify(decision, p) == Classification.BANNED)
			.map(EndpointFolder::describe)
			.collect(Collectors.joining("; "));
		if (banned.length() > MAX_BANNED_PRODUCTS_LENGTH) {
			banned = banned.substring(0, MAX_BANNED_PRODUCTS_LENGTH - 3) + "...";
		}
		return EndpointRow.observe(current, campaign.campaignId(), observed.organisationId(), observed.endpointId(),
				observed.observedAt(), state, banned.isEmpty() ? null : banned, EventId.of(observed.envelope()),
				ProductsJson.write(observed.products()));
	}

	private static String describe(Product product) {
		return product.vendor() + " " + product.name() + (product.version() == null ? "" : " " + product.version())
				+ " (" + product.state() + ")";
	}

}
