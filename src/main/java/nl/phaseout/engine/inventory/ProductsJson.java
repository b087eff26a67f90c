package nl.phaseout.engine.inventory;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.inventory.event.InventoryEvent.Product;

/**
 * An observation's product list as the JSON text kept in {@code inv_endpoint.products} and shown
 * as is by the endpoints list. Written by hand: it runs once per observation that changes an
 * endpoint, on ingestion's hot path, where a general-purpose serializer costs several times more.
 */
final class ProductsJson {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private ProductsJson() {
	}

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The list back, as written; only for classifying again after a policy change, off the hot path. */
	static List<Product> read(String products) {
		try {
			List<Product> read = new ArrayList<>();
			for (JsonNode product : JSON.readTree(products)) {
				read.add(new Product(product.path("vendor").asText(), product.path("name").asText(),
						product.hasNonNull("version") ? product.get("version").asText() : null,
						product.path("category").asText(), product.path("state").asText()));
			}
			return read;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored product list is not JSON: " + products, ex);
		}
	}

	static String write(List<Product> products) {
		StringBuilder json = new StringBuilder(2 + products.size() * 120);
		json.append('[');
		for (int i = 0; i < products.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			product(json, products.get(i));
		}
		return json.append(']').toString();
	}

	/** One product as a JSON object: vendor, name, version (when known), category, state. */
	static StringBuilder product(StringBuilder json, Product product) {
		field(json.append('{'), "vendor", product.vendor());
		field(json.append(','), "name", product.name());
		if (product.version() != null) {
			field(json.append(','), "version", product.version());
		}
		field(json.append(','), "category", product.category());
		field(json.append(','), "state", product.state());
		return json.append('}');
	}

	private static void field(StringBuilder json, String name, String value) {
		json.append('"').append(name).append("\":");
		string(json, value);
	}

	/** A JSON string (RFC 8259): quotes, backslashes, control characters and lone surrogates escaped. */
	static void string(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || (Character.isSurrogate(c) && !paired(value, i))) {
				json.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
					.append(HEX[c & 0xf]);
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

	private static boolean paired(String value, int i) {
		char c = value.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
	}

}
