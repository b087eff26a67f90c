package nl.phaseout.engine.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import nl.phaseout.engine.inventory.event.EdgeText;
import nl.phaseout.engine.inventory.event.InventoryEvent.Product;
import nl.phaseout.engine.system.CsvLines;

/**
 * A manual inventory upload, read from CSV ({@code endpointId,vendor,name,version,category,state},
 * header first, one row per product) and validated as a whole before anything of it is published.
 * Separated by commas or, as Dutch spreadsheets write it, semicolons (the header says which), with
 * or without a UTF-8 byte order mark.
 * The rows of one endpoint, wherever they stand, are its product list; a row with empty vendor and
 * name (and nothing else) is an endpoint without any security product.
 * <p>
 * Read as a stream and held compactly: each distinct product once, and per endpoint only the
 * indexes of its products. Fifty thousand rows name a few dozen distinct products in practice.
 */
final class ManualUpload {

	static final List<String> HEADER = List.of("endpointid", "vendor", "name", "version", "category", "state");

	static final String HEADER_TEXT = "endpointId,vendor,name,version,category,state";

	/** So that each endpoint's event stays well below the 512 KiB a record may have. */
	static final int MAX_PRODUCTS_PER_ENDPOINT = 100;

	/** Longer than any valid row (the fields' limits add up to 1,000 characters). */
	static final int MAX_ROW_LENGTH = 4096;

	/** Problems reported in full; beyond this many only counted. */
	static final int MAX_PROBLEMS = 100;

	private static final Set<String> STATES = Set.of("active", "passive", "disabled");

	private static final int[] NONE = new int[0];

	private final List<Product> products = new ArrayList<>();

	private final Map<Product, Integer> productIndex = new HashMap<>();

	private final Map<String, int[]> endpoints = new LinkedHashMap<>();

	private final List<InvalidUploadException.Problem> problems = new ArrayList<>();

	private int problemCount;

	private int rows;

	private ManualUpload() {
	}

	/**
	 * Reads and validates the whole upload.
	 *
	 * @throws InvalidUploadException naming the line of every bad row (the first hundred)
	 */
	static ManualUpload read(Reader body, int maxRows) throws IOException {
		ManualUpload upload = new ManualUpload();
		CsvLines lines = CsvLines.separatorFromHeader(new BufferedReader(body, 64 * 1024), MAX_ROW_LENGTH);
		try {
			List<String> header = lines.next();
			if (header == null) {
				throw new InvalidUploadException(List.of(InvalidUploadException.Problem.of(0, "empty",
						"the upload is empty; expected the header " + HEADER_TEXT, HEADER_TEXT)), 1);
			}
			if (!header.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList().equals(HEADER)) {
				String found = String.join(String.valueOf(lines.separator()), header);
				throw new InvalidUploadException(List.of(InvalidUploadException.Problem.of(1, "header",
						"the header is '" + found + "'; expected " + HEADER_TEXT, found, HEADER_TEXT)), 1);
			}
			List<String> fields;
			while ((fields = lines.next()) != null) {
				if (fields.size() == 1 && fields.get(0).isBlank()) {
					continue;
				}
				if (++upload.rows > maxRows) {
					throw new InvalidUploadException(List.of(InvalidUploadException.Problem.of(0, "tooManyRows",
							"more than " + maxRows + " rows (line " + lines.lineNumber() + "); an upload may have at most "
									+ maxRows + " (setting phaseout.inventory.manual.max-rows)",
							maxRows, lines.lineNumber())), 1);
				}
				upload.add(lines.lineNumber(), fields);
			}
		}
		catch (CsvLines.RecordTooLongException ex) {
			upload.problem(ex.line(), "rowTooLong", "longer than " + MAX_ROW_LENGTH
					+ " characters; is this the CSV expected (" + HEADER_TEXT + "), with every quote closed?",
					MAX_ROW_LENGTH, HEADER_TEXT);
		}
		if (upload.problemCount == 0 && upload.endpoints.isEmpty()) {
			throw new InvalidUploadException(List.of(InvalidUploadException.Problem.of(0, "noEndpoints",
					"the upload lists no endpoints; expected a row per product after the header " + HEADER_TEXT,
					HEADER_TEXT)), 1);
		}
		if (upload.problemCount > 0) {
			throw new InvalidUploadException(upload.problems, upload.problemCount);
		}
		return upload;
	}

	int rows() {
		return rows;
	}

	int endpointCount() {
		return endpoints.size();
	}

	int distinctProducts() {
		return products.size();
	}

	boolean contains(String endpointId) {
		return endpoints.containsKey(endpointId);
	}

	/** Each endpoint, in the order of its first row, with the indexes of its products. */
	void forEachEndpoint(BiConsumer<String, int[]> action) {
		endpoints.forEach(action);
	}

	/** The distinct products, in the order first seen: what the indexes point to. */
	List<Product> products() {
		return products;
	}

	private void add(int line, List<String> fields) {
		if (fields.size() != HEADER.size()) {
			problem(line, fields.size() == 1 ? "fieldCountOne" : "fieldCount", "expected 6 fields (" + HEADER_TEXT
					+ "), found " + fields.size() + (fields.size() == 1 ? "; are the fields separated as in the header?" : ""),
					HEADER_TEXT, fields.size());
			return;
		}
		int before = problemCount;
		String endpointId = text(line, "endpointId", fields.get(0), 200, true);
		String vendor = text(line, "vendor", fields.get(1), 200, false);
		String name = text(line, "name", fields.get(2), 200, false);
		String version = text(line, "version", fields.get(3), 100, false);
		String category = text(line, "category", fields.get(4), 200, false);
		String state = text(line, "state", fields.get(5), 20, false);
		if (problemCount > before) {
			return;
		}
		if (vendor.isEmpty() && name.isEmpty()) {
			if (!version.isEmpty() || !category.isEmpty() || !state.isEmpty()) {
				problem(line, "noProductFields", "vendor and name are empty, which means no security product on '"
						+ endpointId + "'; then leave version, category and state empty too", endpointId);
				return;
			}
			endpoints.putIfAbsent(endpointId, NONE);
			return;
		}
		requireNonEmpty(line, "vendor", vendor);
		requireNonEmpty(line, "name", name);
		requireNonEmpty(line, "category", category);
		String normalisedState = state.toLowerCase(Locale.ROOT);
		if (!STATES.contains(normalisedState)) {
			problem(line, "state", "state '" + state + "' is not one of active, passive, disabled", state);
		}
		if (problemCount > before) {
			return;
		}
		int[] known = endpoints.getOrDefault(endpointId, NONE);
		if (known.length == MAX_PRODUCTS_PER_ENDPOINT) {
			problem(line, "tooManyProducts", "endpoint '" + endpointId + "' has more than " + MAX_PRODUCTS_PER_ENDPOINT
					+ " products", endpointId, MAX_PRODUCTS_PER_ENDPOINT);
			return;
		}
		Product product = new Product(vendor, name, version.isEmpty() ? null : version, category, normalisedState);
		int index = productIndex.computeIfAbsent(product, key -> {
			products.add(key);
			return products.size() - 1;
		});
		int[] grown = Arrays.copyOf(known, known.length + 1);
		grown[known.length] = index;
		endpoints.put(endpointId, grown);
	}

	/**
	 * The field without surrounding blanks, or a problem when it is missing or breaks the rule for
	 * endpoint ids and product fields ({@link EdgeText}), the same as on Kafka.
	 */
	private String text(int line, String field, String value, int maxLength, boolean required) {
		String text = value.strip();
		if (required && text.isEmpty()) {
			problem(line, "fieldEmpty", field + " is empty", field);
		}
		else {
			EdgeText.issue(text, maxLength).ifPresent(issue -> {
				List<Object> values = new ArrayList<>(List.of(field));
				values.addAll(issue.values());
				problem(line, "field." + issue.kind(), field + " " + issue.english(), values.toArray());
			});
		}
		return text;
	}

	private void requireNonEmpty(int line, String field, String value) {
		if (value.isEmpty()) {
			problem(line, "productField", field + " is empty; a product needs vendor, name, category and state"
					+ " (leave vendor and name both empty for an endpoint without security products)", field);
		}
	}

	private void problem(int line, String kind, String english, Object... values) {
		if (problemCount++ < MAX_PROBLEMS) {
			problems.add(InvalidUploadException.Problem.of(line, kind, english, values));
		}
	}

}
