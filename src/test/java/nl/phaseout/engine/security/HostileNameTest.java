package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Threat: an organisation's name carries control characters (U+0000, the right-to-left override
 * U+202E that makes a name read differently) or markup, which Camunda Forms' text renders inside
 * every project manager's task. Such names are refused with 400, by REST and by CSV.
 */
@Tag("security")
@Tag("e2e")
class HostileNameTest extends SecurityTest {

	@ParameterizedTest
	@ValueSource(strings = { "Gemeente\u0000Nul", "Gemeente \u202Etxet", "Two\nlines",
			"<img src=x onerror=alert(1)>", "Click [here](https://evil.example)" })
	void aNameWithControlCharactersOrMarkupIsRefused(String name) throws Exception {
		String org = uniqueId("NAME");

		ResponseEntity<String> refused = register(Map.of("id", org, "name", name, "category", "OTHER"));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(refused).path("detail").asText()).startsWith("name must not contain");
		assertThat(demo().getForEntity("/api/organisations/" + org, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void theCsvImportRefusesTheSameRowsAndKeepsTheOthers() throws Exception {
		String good = uniqueId("GOOD");
		String bad = uniqueId("BAD");
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		String csv = "id,name,category\n" + bad + ",\"<script>alert(1)</script>\",OTHER\n" + good
				+ ",\"Gemeente 's-Hertogenbosch (Den Bosch) & Co.\",MUNICIPALITY\n";

		JsonNode result = body(demo().postForEntity("/api/organisations/import", new HttpEntity<>(csv, headers),
				String.class));

		assertThat(result.path("imported").asInt()).isEqualTo(1);
		assertThat(result.at("/rows/0/reason").asText()).contains("name must not contain '<'");
		assertThat(organisation(good).path("name").asText()).isEqualTo("Gemeente 's-Hertogenbosch (Den Bosch) & Co.");
	}

}
