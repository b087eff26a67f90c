package nl.phaseout.engine.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields of a Camunda Form (form-js JSON): which a user fills in ({@link #inputs}), and which
 * only show what the process knows ({@link #readOnly}: {@code readonly} or {@code disabled}, and
 * components that display or compute rather than take input).
 */
record TaskForms(Set<String> inputs, Set<String> readOnly) {

	static final TaskForms NONE = new TaskForms(Set.of(), Set.of());

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Components with a key that a user never types into. */
	private static final Set<String> DISPLAY = Set.of("text", "html", "image", "button", "separator", "spacer",
			"iframe", "table", "expression", "documentPreview");

	static TaskForms parse(InputStream form) {
		try (form) {
			Set<String> inputs = new LinkedHashSet<>();
			Set<String> readOnly = new LinkedHashSet<>();
			collect(JSON.readTree(form).path("components"), inputs, readOnly);
			// a key both shown and asked for is asked for only where the form lets it be typed: keep it safe
			inputs.removeAll(readOnly);
			return new TaskForms(Set.copyOf(inputs), Set.copyOf(readOnly));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void collect(JsonNode components, Set<String> inputs, Set<String> readOnly) {
		for (JsonNode component : components) {
			if (component.has("components")) {
				collect(component.path("components"), inputs, readOnly);
			}
			String key = component.path("key").asText(null);
			if (key == null || key.isBlank()) {
				continue;
			}
			boolean shown = DISPLAY.contains(component.path("type").asText()) || set(component.get("readonly"))
					|| set(component.get("disabled"));
			(shown ? readOnly : inputs).add(key);
		}
	}

	/** {@code true}, or an expression (which may be true at submit time): read-only either way. */
	private static boolean set(JsonNode flag) {
		return flag != null && !flag.isNull() && !(flag.isBoolean() && !flag.booleanValue());
	}

}
