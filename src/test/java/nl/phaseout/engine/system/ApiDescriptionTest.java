package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import nl.phaseout.engine.EndToEndTest;

/**
 * {@code /v3/api-docs} describes the whole of {@code /api} and nothing else: every path and
 * method the application maps under {@code /api} (read from Spring MVC's own handler mappings,
 * so a new controller cannot be forgotten), each with its errors as problem details.
 */
class ApiDescriptionTest extends EndToEndTest {

	/** The fields of a path item that are operations (the others are its summary, parameters...). */
	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	ObjectMapper json;

	@Test
	void everyApiPathAndMethodIsDescribed() throws Exception {
		Set<String> mapped = mappedApiOperations();
		assertThat(mapped).as("operations mapped under /api").contains("GET /api/organisations/{id}");

		Set<String> described = describedOperations(description());

		assertThat(described).containsAll(mapped);
	}

	@Test
	void onlyTheProjectsApiIsDescribed() throws Exception {
		JsonNode paths = description().path("paths");

		assertThat(paths.size()).isPositive();
		paths.fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/")
			.doesNotStartWith("/engine-rest")
			.doesNotStartWith("/office")
			.doesNotStartWith("/actuator")
			.doesNotStartWith("/camunda"));
	}

	@Test
	void everyOperationDescribesItsErrorsAsProblemDetails() throws Exception {
		JsonNode description = description();
		assertThat(description.at("/components/schemas/ProblemDetail/properties/detail").isMissingNode()).isFalse();
		List<String> without = new ArrayList<>();
		List<String> notProblems = new ArrayList<>();

		description.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
			if (!METHODS.contains(op.getKey())) {
				return;
			}
			String operation = op.getKey().toUpperCase() + " " + path.getKey();
			JsonNode responses = op.getValue().path("responses");
			if (!responses.has("401")) {
				without.add(operation);
			}
			responses.fields().forEachRemaining(response -> {
				boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
				JsonNode schema = response.getValue().path("content").path(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
					.path("schema").path("$ref");
				if (error && !schema.asText().equals("#/components/schemas/ProblemDetail")) {
					notProblems.add(operation + " " + response.getKey());
				}
			});
		}));

		assertThat(without).as("operations without their errors").isEmpty();
		assertThat(notProblems).as("error responses that are not problem details").isEmpty();
	}

	@Test
	void everyOperationNeedsHttpBasic() throws Exception {
		JsonNode description = description();

		assertThat(description.at("/components/securitySchemes/basic/type").asText()).isEqualTo("http");
		assertThat(description.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
		assertThat(description.at("/security/0").has("basic")).isTrue();
	}

	private JsonNode description() throws Exception {
		ResponseEntity<String> response = demo().getForEntity("/v3/api-docs", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode description = json.readTree(response.getBody());
		assertThat(description.path("openapi").asText()).startsWith("3.");
		return description;
	}

	/** "GET /api/organisations/{id}" for each method and path pattern under /api. */
	private Set<String> mappedApiOperations() {
		Set<String> operations = new TreeSet<>();
		mappings.getHandlerMethods().forEach((RequestMappingInfo info, Object handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/api/")) {
					continue;
				}
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				assertThat(methods).as(pattern + " names its HTTP methods (" + handler + ")").isNotEmpty();
				// {id:[a-z]+} is {id} in the description
				String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
				methods.forEach(method -> operations.add(method.name() + " " + path));
			}
		});
		return operations;
	}

	private static Set<String> describedOperations(JsonNode description) {
		Set<String> operations = new TreeSet<>();
		description.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
			.forEachRemaining(field -> {
				if (METHODS.contains(field)) {
					operations.add(field.toUpperCase() + " " + path.getKey());
				}
			}));
		return operations;
	}

}
