package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import nl.phaseout.engine.inventory.EndpointCounts;
import nl.phaseout.engine.inventory.LastScan;

/** The one inventory figure keeps the contract's JSON names in the REST views. */
class InventoryFigureJsonTest {

	private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

	@Test
	void countsAreNamedAsTheContractNamesThem() {
		JsonNode counts = json.valueToTree(new EndpointCounts(7, 1, 3, 1, 1, 2, 1));

		assertThat(counts.fieldNames()).toIterable()
			.containsExactly("total", "banned", "exempted", "protected", "unprotected", "stale", "retired");
		assertThat(counts.path("exempted").asLong()).isEqualTo(1);
		assertThat(counts.path("protected").asLong()).isEqualTo(3);
		assertThat(counts.path("stale").asLong()).isEqualTo(1);
	}

	@Test
	void theLastScanShowsItsIdAndMomentButNotItsCountOrSource() {
		JsonNode scan = json.valueToTree(new LastScan("scan-1", Instant.parse("2024-05-01T10:00:00Z"), 12,
				"urn:inventory:intune"));

		assertThat(scan.fieldNames()).toIterable().containsExactly("scanId", "completedAt");
	}

}
