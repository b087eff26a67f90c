package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.TestRecords.DEFENDER_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.KASPERSKY_PASSIVE;
import static nl.phaseout.engine.inventory.TestRecords.observed;
import static nl.phaseout.engine.inventory.TestRecords.products;
import static nl.phaseout.engine.inventory.TestRecords.record;
import static nl.phaseout.engine.inventory.TestRecords.structured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import nl.phaseout.engine.inventory.event.InventoryEvent.AlternativeSelected;
import nl.phaseout.engine.inventory.event.InventoryEvent.ContractTerminated;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointObserved;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointRetired;
import nl.phaseout.engine.inventory.event.InventoryEvent.Product;
import nl.phaseout.engine.inventory.event.InventoryEvent.ScanCompleted;
import nl.phaseout.engine.inventory.event.InventoryEventParser;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InventoryEventParserTest {

	private static final Map<String, String> STRUCTURED = Map.of("content-type", "application/cloudevents+json");

	private static final String OBSERVED_DATA = """
			{"organisationId":"MIN-JENV","endpointId":"ep-1","observedAt":"2024-05-01T10:00:00Z","products":[%s]}"""
		.formatted(DEFENDER_ACTIVE);

	private final InventoryEventParser parser = new InventoryEventParser();

	@Test
	void structuredObservationBecomesTypedEvent() {
		var event = (EndpointObserved) parser.parse(observed("MIN-JENV", "ep-1", "e1", "2024-05-01T12:00:00+02:00",
				products(DEFENDER_ACTIVE, KASPERSKY_PASSIVE)));

		assertThat(event.envelope().source()).isEqualTo("urn:test:intune");
		assertThat(event.envelope().id()).isEqualTo("e1");
		assertThat(event.envelope().time()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
		assertThat(event.organisationId()).isEqualTo("MIN-JENV");
		assertThat(event.observedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
		assertThat(event.products()).containsExactly(
				new Product("Microsoft", "Defender", "1.0", "antivirus", "active"),
				new Product("Kaspersky", "Kaspersky Endpoint Security", "1.0", "antivirus", "passive"));
	}

	@Test
	void structuredModeIsRecognisedWithoutContentTypeWhenValueCarriesSpecversion() {
		String value = """
				{"specversion":"1.0","id":"e1","source":"s","type":"phaseout.endpoint.retired",
				 "data":{"organisationId":"ORG","endpointId":"ep-1","retiredAt":"2024-05-01T10:00:00Z"}}""";

		var event = (EndpointRetired) parser.parse(record("ORG", value, Map.of()));

		assertThat(event.retiredAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
		assertThat(event.envelope().time()).isNull();
	}

	@Test
	void binaryModeReadsAttributesFromHeaders() {
		var event = (ScanCompleted) parser.parse(record("ORG", """
				{"organisationId":"ORG","scanId":"scan-7","completedAt":"2024-05-01T10:00:00.123Z","endpointCount":12}""",
				binaryHeaders("phaseout.inventory.scan-completed")));

		assertThat(event.envelope().source()).isEqualTo("urn:test:sccm");
		assertThat(event.envelope().id()).isEqualTo("b1");
		assertThat(event.envelope().time()).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
		assertThat(event.scanId()).isEqualTo("scan-7");
		assertThat(event.completedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
		assertThat(event.endpointCount()).isEqualTo(12);
	}

	@Test
	void cloudEventsContentTypeMeansStructuredModeEvenWithCeHeaders() {
		var headers = with(binaryHeaders("phaseout.endpoint.retired"), "content-type", "application/cloudevents+json");
		var event = (EndpointRetired) parser.parse(record("ORG", """
				{"specversion":"1.0","id":"s1","source":"urn:test:value","type":"phaseout.endpoint.retired",
				 "data":{"organisationId":"ORG","endpointId":"ep-1","retiredAt":"2024-05-01T10:00:00Z"}}""", headers));

		assertThat(event.envelope().source()).isEqualTo("urn:test:value");
		assertThat(event.envelope().id()).isEqualTo("s1");
	}

	/** The CloudEvents SDK refuses these; the contract accepts them, as before the SDK read the envelope. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("acceptedBeyondTheSdk")
	void eventTheSdkRefusesButTheContractAcceptsIsRead(String what, ConsumerRecord<String, byte[]> record,
			String source) {
		var event = (EndpointRetired) parser.parse(record);

		assertThat(event.envelope().source()).isEqualTo(source);
		assertThat(event.endpointId()).isEqualTo("ep-1");
	}

	static Stream<Arguments> acceptedBeyondTheSdk() {
		String data = """
				{"organisationId":"ORG","endpointId":"ep-1","retiredAt":"2024-05-01T10:00:00Z"}""";
		return Stream.of(
				Arguments.of("a source that is not a URI reference", record("ORG", """
						{"specversion":"1.0","id":"1","source":"Intune tenant A","type":"phaseout.endpoint.retired","data":%s}"""
					.formatted(data), STRUCTURED), "Intune tenant A"),
				Arguments.of("a +json data type with a dot before the +", record("ORG", """
						{"specversion":"1.0","id":"1","source":"s","type":"phaseout.endpoint.retired",
						 "datacontenttype":"application/vnd.phaseout+json","data":%s}""".formatted(data), STRUCTURED), "s"),
				Arguments.of("an extension that is a fraction", record("ORG", """
						{"specversion":"1.0","id":"1","source":"s","type":"phaseout.endpoint.retired","priority":1.5,"data":%s}"""
					.formatted(data), STRUCTURED), "s"),
				Arguments.of("a ce_ header that is no attribute name", record("ORG", data,
						with(binaryHeaders("phaseout.endpoint.retired"), "ce_trace_id", "t-1")), "urn:test:sccm"),
				Arguments.of("a binary source that is not a URI reference", record("ORG", data,
						with(binaryHeaders("phaseout.endpoint.retired"), "ce_source", "SCCM site 1")), "SCCM site 1"));
	}

	@Test
	void alternativeAndContractEventsAreTyped() {
		var alternative = (AlternativeSelected) parser.parse(structured("ORG", "phaseout.alternative.selected", "a1",
				"""
						{"organisationId":"ORG","vendor":"Microsoft","product":"Defender","selectedAt":"2024-05-01T10:00:00Z"}"""));
		var contract = (ContractTerminated) parser.parse(structured("ORG", "phaseout.contract.terminated", "c1", """
				{"organisationId":"ORG","vendor":"Kaspersky","contractId":"K-1","terminatedAt":"2024-05-01T10:00:00Z",
				 "endDate":"2024-12-31"}"""));

		assertThat(alternative.product()).isEqualTo("Defender");
		assertThat(contract.endDate()).isEqualTo(LocalDate.of(2024, 12, 31));
	}

	@Test
	void unknownExtraFieldsAreAccepted() {
		var event = (EndpointObserved) parser.parse(structured("ORG", "phaseout.endpoint.observed", "x1", """
				{"organisationId":"ORG","endpointId":"ep-1","observedAt":"2024-05-01T10:00:00Z","hostname":"pc-1",
				 "products":[{"vendor":"Microsoft","name":"Defender","category":"antivirus","state":"ACTIVE","signatures":"1.2"}]}"""));

		assertThat(event.products()).containsExactly(new Product("Microsoft", "Defender", null, "antivirus", "active"));
	}

	@Test
	void recordWithoutKeyIsAccepted() {
		var keyless = structured(null, "phaseout.endpoint.observed", "e1", OBSERVED_DATA);

		assertThat(parser.parse(keyless).organisationId()).isEqualTo("MIN-JENV");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRecords")
	void badRecordIsRejectedWithPlainReason(String reason, ConsumerRecord<String, byte[]> record) {
		assertThatThrownBy(() -> parser.parse(record)).isInstanceOf(InvalidEventException.class).hasMessage(reason);
	}

	static Stream<Arguments> badRecords() {
		byte[] oneMegabyte = new byte[1024 * 1024];
		Arrays.fill(oneMegabyte, (byte) ' ');
		return Stream.of(
				bad("value is not JSON", record("ORG", "this is not json", STRUCTURED)),
				bad("value is not JSON", record("ORG", "{\"specversion\":\"1.0\"", STRUCTURED)),
				bad("value is not JSON", record("ORG", "{} trailing", STRUCTURED)),
				bad("value is not JSON", record("ORG", "not json", binaryHeaders("phaseout.endpoint.retired"))),
				bad("record has no value", record("ORG", (String) null, STRUCTURED)),
				bad("CloudEvents batch mode is not supported; send one event per record", record("ORG",
						"[%s]".formatted(OBSERVED_DATA), Map.of("content-type", "application/cloudevents-batch+json"))),
				bad("value is not a JSON object", record("ORG", "[1,2]", STRUCTURED)),
				bad("not a CloudEvent: expected a 'content-type: application/cloudevents+json' header, 'ce_*' headers,"
						+ " or a JSON value with 'specversion'", record("ORG", OBSERVED_DATA, Map.of())),
				bad("missing CloudEvents attribute 'source'", record("ORG", """
						{"specversion":"1.0","id":"1","type":"phaseout.endpoint.observed","data":%s}"""
					.formatted(OBSERVED_DATA), STRUCTURED)),
				bad("missing CloudEvents attribute 'id'", record("ORG", OBSERVED_DATA,
						without(binaryHeaders("phaseout.endpoint.observed"), "ce_id"))),
				bad("CloudEvents attribute 'id' must not be empty", record("ORG", OBSERVED_DATA,
						with(binaryHeaders("phaseout.endpoint.observed"), "ce_id", " "))),
				bad("CloudEvents attribute 'type' must not be empty", record("ORG", """
						{"specversion":"1.0","id":"1","source":"s","type":" ","data":%s}""".formatted(OBSERVED_DATA),
						STRUCTURED)),
				bad("CloudEvents attribute 'id' is longer than 200 characters", structured("ORG",
						"phaseout.endpoint.observed", "x".repeat(201), OBSERVED_DATA)),
				bad("CloudEvents attribute 'type' contains the control character U+001B at position 9", record("ORG",
						OBSERVED_DATA, with(binaryHeaders("phaseout.endpoint.observed"), "ce_type", "phaseout\u001b"))),
				bad("CloudEvents attribute 'id' must be a string", record("ORG", """
						{"specversion":"1.0","id":7,"source":"s","type":"phaseout.endpoint.observed","data":%s}"""
					.formatted(OBSERVED_DATA), STRUCTURED)),
				bad("CloudEvents specversion must be '1.0', was '0.3'", record("ORG", """
						{"specversion":"0.3","id":"1","source":"s","type":"phaseout.endpoint.observed","data":%s}"""
					.formatted(OBSERVED_DATA), STRUCTURED)),
				bad("CloudEvents attribute 'time' is not an RFC 3339 timestamp: 'yesterday'", record("ORG", """
						{"specversion":"1.0","id":"1","source":"s","type":"phaseout.endpoint.observed","time":"yesterday",
						 "data":%s}""".formatted(OBSERVED_DATA), STRUCTURED)),
				bad("data_base64 is not supported; send 'data' as a JSON object", record("ORG", """
						{"specversion":"1.0","id":"1","source":"s","type":"phaseout.endpoint.observed","data_base64":"e30="}""",
						STRUCTURED)),
				bad("data must be JSON, but the content type is 'text/plain'", record("ORG", OBSERVED_DATA,
						with(binaryHeaders("phaseout.endpoint.observed"), "content-type", "text/plain"))),
				bad("unknown event type 'x'", structured("ORG", "x", "1", OBSERVED_DATA)),
				bad("missing data", record("ORG", """
						{"specversion":"1.0","id":"1","source":"s","type":"phaseout.endpoint.observed"}""", STRUCTURED)),
				bad("data must be a JSON object", structured("ORG", "phaseout.endpoint.observed", "1", "\"text\"")),
				bad("missing data.organisationId", structured("ORG", "phaseout.endpoint.retired", "1", """
						{"endpointId":"ep-1","retiredAt":"2024-05-01T10:00:00Z"}""")),
				bad("data.organisationId must be a string", structured("ORG", "phaseout.endpoint.retired", "1", """
						{"organisationId":42,"endpointId":"ep-1","retiredAt":"2024-05-01T10:00:00Z"}""")),
				bad("data.organisationId must not be empty", structured("ORG", "phaseout.endpoint.retired", "1", """
						{"organisationId":" ","endpointId":"ep-1","retiredAt":"2024-05-01T10:00:00Z"}""")),
				bad("record key 'OTHER' does not match data.organisationId 'ORG'",
						structured("OTHER", "phaseout.endpoint.retired", "1", """
								{"organisationId":"ORG","endpointId":"ep-1","retiredAt":"2024-05-01T10:00:00Z"}""")),
				bad("data.observedAt is not an RFC 3339 timestamp: 'yesterday'",
						observed("ORG", "ep-1", "1", "yesterday", "[]")),
				bad("data.observedAt is not an RFC 3339 timestamp: '2024-05-01'",
						observed("ORG", "ep-1", "1", "2024-05-01", "[]")),
				bad("data.observedAt is not an RFC 3339 timestamp: '2024-05-01T10:00:00'",
						observed("ORG", "ep-1", "1", "2024-05-01T10:00:00", "[]")),
				bad("data.observedAt is not an RFC 3339 timestamp: '2024-02-30T10:00:00Z'",
						observed("ORG", "ep-1", "1", "2024-02-30T10:00:00Z", "[]")),
				bad("missing data.products", structured("ORG", "phaseout.endpoint.observed", "1", """
						{"organisationId":"ORG","endpointId":"ep-1","observedAt":"2024-05-01T10:00:00Z"}""")),
				bad("data.products must be a list", observed("ORG", "ep-1", "1", "2024-05-01T10:00:00Z", "{}")),
				bad("data.products[0] must be a JSON object", observed("ORG", "ep-1", "1", "2024-05-01T10:00:00Z", "[1]")),
				bad("missing data.products[1].vendor", observed("ORG", "ep-1", "1", "2024-05-01T10:00:00Z", """
						[%s,{"name":"x","category":"antivirus","state":"active"}]""".formatted(DEFENDER_ACTIVE))),
				bad("data.products[2].state must be one of active, passive, disabled",
						observed("ORG", "ep-1", "1", "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE, DEFENDER_ACTIVE,
								TestRecords.product("Microsoft", "Defender", "antivirus", "running")))),
				bad("data.endpointCount must be a whole number of 0 or more",
						structured("ORG", "phaseout.inventory.scan-completed", "1", """
								{"organisationId":"ORG","scanId":"s","completedAt":"2024-05-01T10:00:00Z","endpointCount":-1}""")),
				bad("data.endpointCount must be a whole number of 0 or more",
						structured("ORG", "phaseout.inventory.scan-completed", "1", """
								{"organisationId":"ORG","scanId":"s","completedAt":"2024-05-01T10:00:00Z","endpointCount":"12"}""")),
				bad("data.endDate is not a date (YYYY-MM-DD): 'soon'",
						structured("ORG", "phaseout.contract.terminated", "1", """
								{"organisationId":"ORG","vendor":"K","contractId":"c","terminatedAt":"2024-05-01T10:00:00Z",
								 "endDate":"soon"}""")),
				bad("record is larger than 512 KiB", record("ORG", oneMegabyte, STRUCTURED)),
				// PostgreSQL refuses U+0000 in text: such a record would fail its whole batch
				bad("data.products[0].name contains the control character U+0000 at position 9",
						observed("ORG", "ep-1", "1", "2024-05-01T10:00:00Z",
								products(TestRecords.product("Microsoft", "Defender\\u0000", "antivirus", "active")))),
				bad("data.endpointId contains the control character U+001B at position 3",
						observed("ORG", "ep\\u001b1", "1", "2024-05-01T10:00:00Z", "[]")),
				bad("CloudEvents attribute 'source' contains the control character U+0000 at position 6", record("ORG",
						"""
								{"specversion":"1.0","id":"1","source":"urn:a\\u0000","type":"phaseout.endpoint.retired",
								 "data":{"organisationId":"ORG","endpointId":"ep-1","retiredAt":"2024-05-01T10:00:00Z"}}""",
						STRUCTURED)));
	}

	@Tag("security")
	@ParameterizedTest
	@MethodSource
	void endpointIdsAndProductFieldsThatWouldReadOtherwiseAreRefusedWithTheReason(String reason,
			ConsumerRecord<String, byte[]> record) {
		assertThatThrownBy(() -> parser.parse(record)).isInstanceOf(InvalidEventException.class).hasMessage(reason);
	}

	static Stream<Arguments> endpointIdsAndProductFieldsThatWouldReadOtherwiseAreRefusedWithTheReason() {
		return Stream.of(
				bad("data.endpointId contains the formatting character U+202E at position 3; such characters change"
						+ " how text reads", observed("ORG", "pc\u202Eexe.doc", "1", "2024-05-01T10:00:00Z", "[]")),
				bad("data.endpointId contains the formatting character U+200B at position 3; such characters change"
						+ " how text reads", retiredEvent("pc\u200B1")),
				bad("data.endpointId contains the control character U+0085 at position 3",
						observed("ORG", "pc\u00851", "1", "2024-05-01T10:00:00Z", "[]")),
				bad("data.endpointId contains '<' at position 1; '<', '>', '[' and ']' are not allowed",
						observed("ORG", "<img src=x>", "1", "2024-05-01T10:00:00Z", "[]")),
				bad("data.endpointId contains '[' at position 1; '<', '>', '[' and ']' are not allowed",
						observed("ORG", "[click](https://evil.example)", "1", "2024-05-01T10:00:00Z", "[]")),
				bad("data.endpointId is longer than 200 characters",
						observed("ORG", "p".repeat(201), "1", "2024-05-01T10:00:00Z", "[]")),
				bad("data.products[0].vendor contains '>' at position 6; '<', '>', '[' and ']' are not allowed",
						observed("ORG", "pc-1", "1", "2024-05-01T10:00:00Z",
								products(TestRecords.product("Micro>soft", "Defender", "antivirus", "active")))),
				bad("data.products[0].name contains the formatting character U+2066 at position 1; such characters"
						+ " change how text reads", observed("ORG", "pc-1", "1", "2024-05-01T10:00:00Z",
								products(TestRecords.product("Microsoft", "\u2066Defender", "antivirus", "active")))),
				bad("data.products[0].category contains ']' at position 5; '<', '>', '[' and ']' are not allowed",
						observed("ORG", "pc-1", "1", "2024-05-01T10:00:00Z",
								products(TestRecords.product("Microsoft", "Defender", "anti]", "active")))),
				bad("data.products[0].version contains the formatting character U+FEFF at position 2; such"
						+ " characters change how text reads", observed("ORG", "pc-1", "1", "2024-05-01T10:00:00Z",
								"[{\"vendor\":\"M\",\"name\":\"D\",\"version\":\"1\\uFEFF\",\"category\":\"av\","
										+ "\"state\":\"active\"}]")),
				bad("data.products[0].vendor is longer than 200 characters", observed("ORG", "pc-1", "1",
						"2024-05-01T10:00:00Z", products(TestRecords.product("v".repeat(201), "D", "av", "active")))));
	}

	@Tag("security")
	@Test
	void ordinaryNamesInAnyScriptPass() {
		var event = (EndpointObserved) parser.parse(observed("ORG", "werkplek-Zoë-東京-01", "1",
				"2024-05-01T10:00:00Z", products(TestRecords.product("AO Kaspersky Lab (RU)", "Kaspersky Endpoint"
						+ " Security 12.1 & co", "antivirus", "active"))));

		assertThat(event.endpointId()).isEqualTo("werkplek-Zoë-東京-01");
		assertThat(event.products().get(0).vendor()).isEqualTo("AO Kaspersky Lab (RU)");
	}

	private static ConsumerRecord<String, byte[]> retiredEvent(String endpointId) {
		return structured("ORG", "phaseout.endpoint.retired", "1", """
				{"organisationId":"ORG","endpointId":"%s","retiredAt":"2024-05-01T10:00:00Z"}""".formatted(endpointId));
	}

	private static Arguments bad(String reason, ConsumerRecord<String, byte[]> record) {
		return Arguments.of(reason, record);
	}

	private static Map<String, String> binaryHeaders(String type) {
		var headers = new LinkedHashMap<String, String>();
		headers.put("ce_specversion", "1.0");
		headers.put("ce_id", "b1");
		headers.put("ce_source", "urn:test:sccm");
		headers.put("ce_type", type);
		headers.put("ce_time", "2024-05-01T11:00:00+02:00");
		headers.put("content-type", "application/json");
		return headers;
	}

	private static Map<String, String> without(Map<String, String> headers, String name) {
		var copy = new LinkedHashMap<>(headers);
		copy.remove(name);
		return copy;
	}

	private static Map<String, String> with(Map<String, String> headers, String name, String value) {
		var copy = new LinkedHashMap<>(headers);
		copy.put(name, value);
		return copy;
	}

}
