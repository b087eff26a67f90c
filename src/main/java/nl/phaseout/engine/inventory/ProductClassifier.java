package nl.phaseout.engine.inventory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import nl.phaseout.engine.inventory.event.InventoryEvent.Product;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Classifies products with a campaign's DMN decision, evaluated once per distinct
 * (decision, vendor, name, category, state) and remembered in a bounded cache. The decision sees
 * all four inputs lower-cased, so that "Kaspersky" and "KASPERSKY" are one product.
 */
@Component
class ProductClassifier {

	private static final Logger log = LoggerFactory.getLogger(ProductClassifier.class);

	private static final int CACHE_SIZE = 10_000;

	private final DecisionService decisions;

	private final Map<Key, Classification> cache = new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, Classification> eldest) {
			return size() > CACHE_SIZE;
		}
	};

	ProductClassifier(DecisionService decisions) {
		this.decisions = decisions;
	}

	private record Key(String decisionKey, String vendor, String name, String category, String state) {
	}

	Classification classify(String decisionKey, Product product) {
		Key key = new Key(decisionKey, lower(product.vendor()), lower(product.name()), lower(product.category()),
				lower(product.state()));
		synchronized (cache) {
			return cache.computeIfAbsent(key, this::evaluate);
		}
	}

	/** Forgets every classification: a new version of a decision may answer differently. */
	void forget() {
		synchronized (cache) {
			cache.clear();
		}
	}

	private Classification evaluate(Key key) {
		DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(key.decisionKey())
			.variables(Variables.createVariables()
				.putValue("vendor", key.vendor())
				.putValue("name", key.name())
				.putValue("category", key.category())
				.putValue("state", key.state()))
			.evaluate()
			.getFirstResult();
		Object output = result == null ? null : result.get("classification");
		Classification classification = parse(output);
		log.debug("Decision {} classifies {} {} ({}, {}) as {}", key.decisionKey(), key.vendor(), key.name(),
				key.category(), key.state(), classification);
		return classification;
	}

	private static Classification parse(Object output) {
		if (output == null) {
			return Classification.OTHER;
		}
		try {
			return Classification.valueOf(output.toString().strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			log.warn("Classification decision answered '{}', expected BANNED, ALTERNATIVE or OTHER; taken as OTHER",
					output);
			return Classification.OTHER;
		}
	}

	private static String lower(String value) {
		return value == null ? null : value.toLowerCase(Locale.ROOT);
	}

}
