package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import nl.phaseout.engine.Integration;

/**
 * Threat: an observation dated 9999-12-31 pins an endpoint "clean" for good, because every later
 * real observation looks older. A time beyond the allowed clock skew is dead-lettered instead.
 */
@Tag("security")
@Tag("e2e")
class FutureTimestampTest extends SecurityTest {

	@Test
	void anObservationFromTheFutureIsDeadLetteredAndTheRealOnesKeepCounting() throws Exception {
		String org = uniqueId("MIN");
		String source = "urn:inventory:" + org.toLowerCase();
		assertThat(register(Map.of("id", org, "name", "Ministerie " + org, "category", "CENTRAL_GOVERNMENT", "sources",
				List.of(source))).getStatusCode()).isEqualTo(HttpStatus.CREATED);

		try (Integration inventory = new Integration(bootstrapServers, source)) {
			inventory.observed(org, "pc-1", Instant.parse("9999-12-31T00:00:00Z"), List.of(Integration.defender("active")));
			inventory.observed(org, "pc-1", Instant.now().minusSeconds(60), List.of(Integration.kasperskyAv("active")));
		}

		var deadLetter = deadLetters(org, 1, record -> error(record).contains("9999-12-31")).get(0);
		assertThat(error(deadLetter))
			.startsWith("data.observedAt 9999-12-31T00:00:00Z is more than 5 minutes ahead of the engine's clock")
			.endsWith("an event cannot report the future");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(
				() -> assertThat(organisation(org).at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1));
	}

}
