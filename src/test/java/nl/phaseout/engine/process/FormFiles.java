package nl.phaseout.engine.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Camunda Forms of the process as the build puts them on the classpath ({@code bpmn/forms/}). */
final class FormFiles {

	/** Every form the process model names. */
	static final List<String> NAMES = List.of("choose-alternative", "confirm-contract-ended", "decide-on-advice",
			"handle-missed-deadline", "resolve-protection-gap", "resolve-regression", "review-contracts",
			"review-exemption", "sign-off-verification");

	private static final ObjectMapper JSON = new ObjectMapper();

	private FormFiles() {
	}

	static List<Map<String, Object>> components(String form) {
		try (InputStream in = FormFiles.class.getResourceAsStream("/bpmn/forms/" + form + ".form")) {
			if (in == null) {
				throw new IllegalArgumentException("No form bpmn/forms/" + form + ".form");
			}
			Map<String, Object> schema = JSON.readValue(in, new TypeReference<Map<String, Object>>() {
			});
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> components = (List<Map<String, Object>>) schema.get("components");
			return components;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The form's field for this variable. */
	static Map<String, Object> field(String form, String key) {
		return components(form).stream()
			.filter(component -> key.equals(component.get("key")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(form + " has no field " + key));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> validate(Map<String, Object> component) {
		return (Map<String, Object>) component.getOrDefault("validate", Map.of());
	}

	static boolean editable(Map<String, Object> component) {
		return component.get("key") != null && !Boolean.TRUE.equals(component.get("readonly"));
	}

}
