package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.Integration;

/**
 * Threat: an endpoint id or product name that reads otherwise than it is, wherever it is shown: a
 * right-to-left override that turns {@code cod.exe} around, markup or a Markdown link for the office
 * to click, a name long enough to push the rest off the page. Refused where it comes in: an upload
 * answers 400 naming the line, and nothing of it is published; a Kafka record is dead-lettered
 * with the reason and changes nothing.
 */
@Tag("security")
@Tag("e2e")
class EdgeInputTest extends SecurityTest {

	private static final String HEADER = "endpointId,vendor,name,version,category,state\n";

	@Test
	void anUploadWithSuchATextIsRefusedNamingTheLine() throws Exception {
		String org = uniqueId("EDGE");
		assertThat(register(Map.of("id", org, "name", "Edge " + org, "category", "CENTRAL_GOVERNMENT"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv;charset=UTF-8"));
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));

		ResponseEntity<String> refused = as(user(pmGroup(org))).postForEntity("/api/organisations/" + org + "/inventory",
				new HttpEntity<>((HEADER + "pc-1,Microsoft,Defender,4,antivirus,active\n"
						+ "pc-\u202Eexe.doc,Microsoft,Defender,4,antivirus,active\n"
						+ "pc-3,[Microsoft](https://evil.example),Defender,4,antivirus,active\n")
					.getBytes(StandardCharsets.UTF_8), headers),
				String.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertProblem(refused);
		assertThat(body(refused).path("detail").asText())
			.contains("line 3: endpointId contains the formatting character U+202E at position 4")
			.contains("line 4: vendor contains '[' at position 1");
		assertThat(organisation(org).at("/campaigns/0/endpoints/total").asLong()).as("nothing published").isZero();
	}

	@Test
	void aKafkaRecordWithSuchATextIsDeadLetteredWithTheReason() throws Exception {
		String org = uniqueId("EDGE");
		assertThat(register(Map.of("id", org, "name", "Edge " + org, "category", "CENTRAL_GOVERNMENT"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Instant at = Instant.now().minusSeconds(60);

		try (Integration feed = new Integration(bootstrapServers, "/test/edge")) {
			feed.observed(org, "<img src=x onerror=alert(1)>", at, List.of(Integration.defender("active")));
			feed.observed(org, "pc-2", at, List.of(Integration.product("Microsoft", "Defender\u2066", "antivirus",
					"active")));
			feed.observed(org, "pc-" + "3".repeat(200), at, List.of(Integration.defender("active")));
		}

		assertThat(deadLetters(org, 3, record -> !error(record).isEmpty())).extracting(SecurityTest::error)
			.containsExactlyInAnyOrder(
					"data.endpointId contains '<' at position 1; '<', '>', '[' and ']' are not allowed",
					"data.products[0].name contains the formatting character U+2066 at position 9; such characters"
							+ " change how text reads",
					"data.endpointId is longer than 200 characters");
		assertThat(organisation(org).at("/campaigns/0/endpoints/total").asLong()).isZero();
	}

}
