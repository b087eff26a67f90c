package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.phaseout.engine.inventory.event.InventoryEventParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published JSON Schemas and the parser agree on which data fields are required. */
class EventSchemasTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final InventoryEventParser parser = new InventoryEventParser();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			endpoint-observed    | phaseout.endpoint.observed        | {"organisationId":"ORG","endpointId":"ep","observedAt":"2024-05-01T10:00:00Z","products":[]}
			endpoint-retired     | phaseout.endpoint.retired         | {"organisationId":"ORG","endpointId":"ep","retiredAt":"2024-05-01T10:00:00Z"}
			scan-completed       | phaseout.inventory.scan-completed | {"organisationId":"ORG","scanId":"s","completedAt":"2024-05-01T10:00:00Z","endpointCount":3}
			alternative-selected | phaseout.alternative.selected     | {"organisationId":"ORG","vendor":"v","product":"p","selectedAt":"2024-05-01T10:00:00Z"}
			contract-terminated  | phaseout.contract.terminated      | {"organisationId":"ORG","vendor":"v","contractId":"c","terminatedAt":"2024-05-01T10:00:00Z"}
			""")
	void schemaRequiresWhatTheParserRequires(String schemaName, String type, String example) throws IOException {
		JsonNode schema = schema(schemaName);
		assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		List<String> required = new ArrayList<>();
		schema.path("required").forEach(field -> required.add(field.asText()));
		assertThat(schema.path("properties").fieldNames()).toIterable().containsAll(required);

		assertThat(parser.parse(TestRecords.structured("ORG", type, "1", example))).isNotNull();
		ObjectNode data = (ObjectNode) JSON.readTree(example);
		List<String> fields = new ArrayList<>();
		data.fieldNames().forEachRemaining(fields::add);
		assertThat(fields).containsExactlyInAnyOrderElementsOf(required);
		for (String field : required) {
			ObjectNode without = data.deepCopy();
			without.remove(field);
			assertThatThrownBy(() -> parser.parse(TestRecords.structured("ORG", type, "1", without.toString())))
				.hasMessage("missing data." + field);
		}
	}

	private static JsonNode schema(String name) throws IOException {
		try (InputStream in = EventSchemasTest.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
			assertThat(in).as("schemas/%s.schema.json", name).isNotNull();
			return JSON.readTree(in);
		}
	}

}
