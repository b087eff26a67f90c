package nl.phaseout.engine.campaign;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Whether a DMN document can be a campaign's product classification, checked before anything is
 * deployed: it parses (DMN 1.3, Camunda's model API), holds one decision, a decision table whose
 * inputs read only a product's fields and whose one output, {@code classification}, answers
 * {@code BANNED}, {@code ALTERNATIVE} or {@code OTHER}; and Camunda's DMN engine evaluates it for a
 * few products without failing. Each problem is said in words a person who wrote the table can act on.
 */
final class ClassificationCheck {

	/** What the inventory passes the decision for each product, lower-cased. */
	static final List<String> PRODUCT = List.of("vendor", "name", "version", "category", "state");

	static final List<String> CLASSES = List.of("BANNED", "ALTERNATIVE", "OTHER");

	static final String OUTPUT = "classification";

	/** More than any classification table needs; the API's upload limit is larger. */
	static final int MAX_LENGTH = 1_000_000;

	/** FEEL and JUEL words an input expression may use besides a product's fields. */
	private static final Set<String> WORDS = Set.of("and", "or", "not", "null", "true", "false", "if", "then",
			"else", "in", "between", "instance", "of", "some", "every", "satisfies", "for", "return", "lower",
			"upper", "case", "string", "length", "starts", "ends", "with", "matches", "is", "defined", "empty", "eq",
			"ne", "lt", "gt", "le", "ge", "div", "mod");

	private static final Pattern STRING_LITERAL = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])([A-Za-z_][A-Za-z0-9_]*)(\\s*\\()?");

	/** Products the decision must evaluate without failing. */
	private static final List<Map<String, Object>> SAMPLES = List.of(
			sample("kaspersky lab", "kaspersky endpoint security", "11.0", "antivirus", "active"),
			sample("microsoft corporation", "windows 10 pro", "22h2", "os", "active"),
			sample("microsoft corporation", "windows 11 enterprise", "23h2", "os", "passive"),
			sample(null, "unknown", null, "application", "disabled"));

	private final DmnEngine engine;

	ClassificationCheck(DmnEngine engine) {
		this.engine = engine;
	}

	/** The problems, none when the document is a classification. */
	List<String> problems(String xml) {
		if (xml.length() > MAX_LENGTH) {
			return List.of("classification is longer than " + MAX_LENGTH + " characters");
		}
		if (xml.contains("<!DOCTYPE") || xml.contains("<!ENTITY")) {
			return List.of("classification must not declare a DOCTYPE or entities: a DMN document has none");
		}
		DmnModelInstance model;
		try {
			model = Dmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		}
		catch (RuntimeException ex) {
			return List.of("classification is not a DMN document that parses (DMN 1.3, as Camunda Modeler writes it): "
					+ reason(ex));
		}
		Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
		if (decisions.size() != 1) {
			return List.of("classification must hold exactly one decision, found " + decisions.size());
		}
		Decision decision = decisions.iterator().next();
		if (!(decision.getExpression() instanceof DecisionTable table)) {
			return List.of("classification's decision '" + decision.getId() + "' must be a decision table");
		}
		List<String> problems = new ArrayList<>();
		inputs(table, problems);
		outputs(table, problems);
		if (problems.isEmpty()) {
			evaluates(xml, problems);
		}
		return problems;
	}

	private static void inputs(DecisionTable table, List<String> problems) {
		if (table.getInputs().isEmpty()) {
			problems.add("classification's decision table has no input: it must read the product (" + fields() + ")");
		}
		for (Input input : table.getInputs()) {
			String label = input.getLabel() == null ? input.getId() : input.getLabel();
			String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null
					? "" : input.getInputExpression().getText().getTextContent();
			List<String> unknown = unknownNames(expression);
			if (expression.isBlank()) {
				problems.add("classification's input '" + label + "' has no expression: it must read the product ("
						+ fields() + ")");
			}
			else if (!unknown.isEmpty()) {
				problems.add("classification's input '" + label + "' reads " + String.join(", ", unknown)
						+ ", which a product does not have: a product has " + fields());
			}
		}
	}

	/** The names an expression reads that are neither a product's fields nor FEEL's words or functions. */
	static List<String> unknownNames(String expression) {
		String code = STRING_LITERAL.matcher(expression).replaceAll("\"\"");
		List<String> unknown = new ArrayList<>();
		Matcher names = IDENTIFIER.matcher(code);
		while (names.find()) {
			String name = names.group(1);
			boolean call = names.group(2) != null;
			if (!call && !PRODUCT.contains(name) && !WORDS.contains(name.toLowerCase(Locale.ROOT))
					&& !unknown.contains("'" + name + "'")) {
				unknown.add("'" + name + "'");
			}
		}
		return unknown;
	}

	private static void outputs(DecisionTable table, List<String> problems) {
		List<String> names = table.getOutputs().stream().map(Output::getName).toList();
		if (names.size() != 1 || !OUTPUT.equals(names.get(0))) {
			problems.add("classification's decision table must have one output named '" + OUTPUT + "', found "
					+ (names.isEmpty() ? "none" : names));
			return;
		}
		int number = 0;
		for (Rule rule : table.getRules()) {
			number++;
			for (OutputEntry entry : rule.getOutputEntries()) {
				String text = entry.getText() == null ? "" : entry.getText().getTextContent().strip();
				String value = text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
						? text.substring(1, text.length() - 1) : null;
				if (value == null || !CLASSES.contains(value)) {
					problems.add("classification's rule " + number + " answers " + (text.isEmpty() ? "nothing" : text)
							+ "; each rule must answer \"BANNED\", \"ALTERNATIVE\" or \"OTHER\"");
				}
			}
		}
	}

	private void evaluates(String xml, List<String> problems) {
		DmnDecision decision;
		try {
			decision = engine.parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).get(0);
		}
		catch (RuntimeException ex) {
			problems.add("classification does not parse as a Camunda decision: " + reason(ex));
			return;
		}
		for (Map<String, Object> product : SAMPLES) {
			try {
				DmnDecisionResult result = engine.evaluateDecision(decision, Variables.fromMap(product));
				for (var entries : result) {
					Object value = entries.get(OUTPUT);
					if (value != null && !CLASSES.contains(value.toString())) {
						problems.add("classification answers '" + value + "' for " + product
								+ "; it must answer BANNED, ALTERNATIVE or OTHER");
						return;
					}
				}
			}
			catch (RuntimeException ex) {
				problems.add("classification fails to evaluate for the product " + product + ": " + reason(ex));
				return;
			}
		}
	}

	private static Map<String, Object> sample(String vendor, String name, String version, String category,
			String state) {
		Map<String, Object> product = new java.util.LinkedHashMap<>();
		product.put("vendor", vendor);
		product.put("name", name);
		product.put("version", version);
		product.put("category", category);
		product.put("state", state);
		return product;
	}

	private static String fields() {
		return String.join(", ", PRODUCT);
	}

	/** The first line of the deepest cause: the parser's own words, without a stack. */
	private static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		String first = message.lines().findFirst().orElse(message);
		return first.length() > 300 ? first.substring(0, 300) + "..." : first;
	}

}
