package nl.phaseout.engine.inventory;

import java.util.List;
import java.util.stream.Collectors;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointObserved;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointRetired;
import nl.phaseout.engine.inventory.event.InventoryEvent.Product;
import nl.phaseout.engine.inventory.event.InventoryEvent;

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
		Classified classified = classify(campaign, observed.products());
		return EndpointRow.observe(current, campaign.campaignId(), observed.organisationId(), observed.endpointId(),
				observed.observedAt(), classified.state(), classified.banned(), EventId.of(observed.envelope()),
				ProductsJson.write(observed.products()));
	}

	/**
	 * The row as the campaign's decision classifies its products now; the row itself when its products
	 * are not known (last observed before they were kept, or never observed).
	 */
	EndpointRow reclassify(Campaign campaign, EndpointRow row) {
		if (row.products() == null) {
			return row;
		}
		Classified classified = classify(campaign, ProductsJson.read(row.products()));
		return new EndpointRow(row.campaignId(), row.organisationId(), row.endpointId(), row.observedAt(),
				row.retiredAt(), classified.state(), classified.banned(), row.lastEvent(), row.products(), row.exempted());
	}

	private Classified classify(Campaign campaign, List<Product> products) {
		String decision = campaign.classificationDecisionKey();
		EndpointState state = EndpointState.of(products, p -> classifier.classify(decision, p));
		String banned = products.stream()
			.filter(p -> classifier.classify(decision, p) == Classification.BANNED)
			.map(EndpointFolder::describe)
			.collect(Collectors.joining("; "));
		if (banned.length() > MAX_BANNED_PRODUCTS_LENGTH) {
			banned = banned.substring(0, MAX_BANNED_PRODUCTS_LENGTH - 3) + "...";
		}
		return new Classified(state, banned.isEmpty() ? null : banned);
	}

	private record Classified(EndpointState state, String banned) {
	}

	private static String describe(Product product) {
		return product.vendor() + " " + product.name() + (product.version() == null ? "" : " " + product.version())
				+ " (" + product.state() + ")";
	}

}
