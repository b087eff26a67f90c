package nl.phaseout.engine.inventory;

import java.util.List;
import java.util.function.Function;
import nl.phaseout.engine.inventory.event.InventoryEvent.Product;

/**
 * An endpoint's classification in a campaign, per the contract's endpoint counts. The three are
 * exclusive, so for live endpoints banned + protected + unprotected = total:
 * <ul>
 * <li>{@code BANNED}: a product classified BANNED is installed, in any state;</li>
 * <li>{@code PROTECTED}: not banned, and an active product that is an antivirus (category
 * {@code antivirus}) or that the campaign classifies as ALTERNATIVE, such as an EDR suite;</li>
 * <li>{@code UNPROTECTED}: neither; only passive or disabled antivirus, or none at all.</li>
 * </ul>
 */
enum EndpointState {

	BANNED, PROTECTED, UNPROTECTED;

	static EndpointState of(List<Product> products, Function<Product, Classification> classification) {
		boolean protectedByActive = false;
		for (Product product : products) {
			Classification classified = classification.apply(product);
			if (classified == Classification.BANNED) {
				return BANNED;
			}
			protectedByActive |= product.active() && (product.antivirus() || classified == Classification.ALTERNATIVE);
		}
		return protectedByActive ? PROTECTED : UNPROTECTED;
	}

}
