package nl.phaseout.engine.inventory;

import java.util.List;
import java.util.function.Function;
import nl.phaseout.engine.inventory.event.InventoryEvent.Product;

/**
 * An endpoint's classification in a campaign, per the contract's endpoint counts. The three are
 * exclusive, so for live endpoints banned + protected + unprotected = total:
 * <ul>
 * <li>{@code BANNED}: a product classified BANNED is installed, in any state;</li>
 * <li>{@code PROTECTED}: not banned, and an active product that the campaign classifies as
 * ALTERNATIVE (for the default campaign an active antivirus of another vendor, for Windows 10's end
 * of support an active Windows 11);</li>
 * <li>{@code UNPROTECTED}: neither: no active product that the campaign takes as the alternative.</li>
 * </ul>
 * Only the campaign's decision says what protects: an active antivirus the campaign does not classify
 * ALTERNATIVE does not (before 0.3 any active antivirus did).
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
			protectedByActive |= product.active() && classified == Classification.ALTERNATIVE;
		}
		return protectedByActive ? PROTECTED : UNPROTECTED;
	}

}
