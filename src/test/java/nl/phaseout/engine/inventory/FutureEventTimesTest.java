package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.TestRecords.DEFENDER_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.observed;
import static nl.phaseout.engine.inventory.TestRecords.products;
import static nl.phaseout.engine.inventory.TestRecords.record;
import static nl.phaseout.engine.inventory.TestRecords.structured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import nl.phaseout.engine.inventory.event.InventoryEvent.ContractTerminated;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.inventory.event.InventoryEventParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No event reports the future: a time more than the allowed skew ahead of the engine's clock
 * would outrank every real observation to come (9999-12-31 pins an endpoint "clean" for good).
 */
class FutureEventTimesTest {

	private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

	private final InventoryEventParser parser = new InventoryEventParser(Clock.fixed(NOW, ZoneOffset.UTC),
			Duration.ofMinutes(5));

	@Test
	void anObservationWithinTheSkewIsAccepted() {
		assertThat(parser.parse(observed("ORG", "ep-1", "e1", "2026-11-28T12:04:59Z", products(DEFENDER_ACTIVE))))
			.isInstanceOf(InventoryEvent.EndpointObserved.class);
	}

	@Test
	void anObservationDatedInTheFarFutureIsRefusedWithItsReason() {
		assertThatThrownBy(
				() -> parser.parse(observed("ORG", "ep-1", "e1", "9999-12-31T00:00:00Z", products(DEFENDER_ACTIVE))))
			.isInstanceOf(InvalidEventException.class)
			.hasMessage("data.observedAt 9999-12-31T00:00:00Z is more than 5 minutes ahead of the engine's clock"
					+ " (2026-11-28T12:00:00Z); an event cannot report the future");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			phaseout.endpoint.retired         | "endpointId":"e",                   | data.retiredAt
			phaseout.inventory.scan-completed | "scanId":"s","endpointCount":1,     | data.completedAt
			phaseout.alternative.selected     | "vendor":"v","product":"p",         | data.selectedAt
			phaseout.contract.terminated      | "vendor":"v","contractId":"c",      | data.terminatedAt
			""")
	void everyTimeOfTheDataIsChecked(String type, String fields, String path) {
		String field = path.substring("data.".length());
		String data = "{\"organisationId\":\"ORG\"," + fields + "\"" + field + "\":\"2026-11-28T12:05:01Z\"}";

		assertThatThrownBy(() -> parser.parse(structured("ORG", type, "e1", data)))
			.isInstanceOf(InvalidEventException.class)
			.hasMessageStartingWith(path + " 2026-11-28T12:05:01Z is more than 5 minutes ahead");
	}

	@Test
	void theEnvelopesTimeIsCheckedToo() {
		String value = """
				{"specversion":"1.0","id":"e1","source":"s","type":"phaseout.endpoint.retired",
				 "time":"2027-01-01T00:00:00Z",
				 "data":{"organisationId":"ORG","endpointId":"ep-1","retiredAt":"2026-11-28T11:00:00Z"}}""";

		assertThatThrownBy(() -> parser.parse(record("ORG", value, Map.of())))
			.hasMessageStartingWith("CloudEvents attribute 'time' 2027-01-01T00:00:00Z is more than 5 minutes ahead");
	}

	@Test
	void aContractMayEndOnADateInTheFuture() {
		var event = (ContractTerminated) parser.parse(structured("ORG", "phaseout.contract.terminated", "e1", """
				{"organisationId":"ORG","vendor":"Kaspersky","contractId":"c","terminatedAt":"2026-11-28T11:00:00Z",
				 "endDate":"2027-12-31"}"""));

		assertThat(event.endDate()).isEqualTo(LocalDate.parse("2027-12-31"));
	}

}
