package nl.phaseout.engine.inventory.osquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointObserved;
import nl.phaseout.engine.inventory.event.InventoryEvent.Product;
import nl.phaseout.engine.inventory.osquery.OsqueryResult.Ignored;
import nl.phaseout.engine.inventory.osquery.OsqueryResult.Observation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** osquery's result log lines, byte for byte as its Kafka logger writes them, read as the engine reads them. */
class OsqueryResultsTest {

	static final String TOPIC = "phaseout.inventory.osquery.MIN-JENV";

	/** A snapshot of the pack's query on one Windows host: Kaspersky without a publisher, Defender off, the firewall. */
	static final String SNAPSHOT = """
			{"snapshot":[{"name":"Kaspersky Endpoint Security for Windows","type":"Antivirus","state":"On","publisher":""},\
			{"name":"Windows Defender","type":"Antivirus","state":"Snoozed","publisher":"Microsoft Corporation"},\
			{"name":"Windows Firewall","type":"Firewall","state":"On","publisher":"Microsoft Corporation"}],\
			"action":"snapshot","name":"pack_phaseout_phaseout_security_products","hostIdentifier":"4C4C4544-0042-3510-8052-B4C04F4E4B32",\
			"calendarTime":"Mon Dec  7 05:51:23 2026 UTC","unixTime":1796622683,"epoch":0,"counter":0,"numerics":false,\
			"decorations":{"host_uuid":"4C4C4544-0042-3510-8052-B4C04F4E4B32","hostname":"WS-0042","organisation":"OTHER-ORG"}}""";

	/** The same query's differential event format: one row added. */
	static final String ADDED = """
			{"name":"pack_phaseout_phaseout_security_products","hostIdentifier":"4C4C4544-0042-3510-8052-B4C04F4E4B32",\
			"calendarTime":"Mon Dec  7 05:51:23 2026 UTC","unixTime":1796622683,"epoch":0,"counter":1,"numerics":false,\
			"decorations":{},"columns":{"name":"Windows Defender","type":"Antivirus","state":"On","publisher":"Microsoft Corporation"},\
			"action":"added"}""";

	private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

	private final OsqueryResults results = new OsqueryResults(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

	@Test
	void aSnapshotOfTheSecurityProductsQueryIsOneObservationOfTheTopicsOrganisation() {
		EndpointObserved observed = observation(SNAPSHOT);

		assertThat(observed.organisationId()).as("the topic names the organisation, never a decoration")
			.isEqualTo("MIN-JENV");
		assertThat(observed.endpointId()).isEqualTo("4C4C4544-0042-3510-8052-B4C04F4E4B32");
		assertThat(observed.observedAt()).isEqualTo(Instant.parse("2026-12-07T05:51:23Z"));
		assertThat(observed.envelope().source()).isEqualTo("urn:phaseout:osquery");
		assertThat(observed.envelope().type()).isEqualTo(InventoryEvent.ENDPOINT_OBSERVED);
		assertThat(observed.products()).containsExactly(
				new Product("", "Kaspersky Endpoint Security for Windows", null, "antivirus", "active"),
				new Product("Microsoft Corporation", "Windows Defender", null, "antivirus", "disabled"),
				new Product("Microsoft Corporation", "Windows Firewall", null, "firewall", "active"));
	}

	/** The pack's query adds the host's operating system (os_version) as a row of type OS: a Windows 10 campaign is fed. */
	@Test
	void theOperatingSystemRowIsAProductOfCategoryOs() {
		EndpointObserved observed = observation(SNAPSHOT.replace("\"snapshot\":[", "\"snapshot\":[{\"name\":"
				+ "\"Microsoft Windows 10 Enterprise\",\"type\":\"OS\",\"state\":\"On\",\"publisher\":\"Microsoft Corporation\"},"));

		assertThat(observed.products()).first().satisfies(os -> {
			assertThat(os.category()).isEqualTo("os");
			assertThat(os.name()).isEqualTo("Microsoft Windows 10 Enterprise");
			assertThat(os.vendor()).isEqualTo("Microsoft Corporation");
			assertThat(os.state()).isEqualTo("active");
		});
	}

	@Test
	void onlyOnIsActive() {
		for (String state : new String[] { "Off", "Snoozed", "Expired", "Unknown" }) {
			EndpointObserved observed = observation(SNAPSHOT.replace("\"Snoozed\"", '"' + state + '"'));
			assertThat(observed.products().get(1).state()).as(state).isEqualTo("disabled");
		}
		assertThat(observation(SNAPSHOT.replace("\"Snoozed\"", "\"On\"")).products().get(1).state()).isEqualTo("active");
	}

	@Test
	void aRepeatHasTheSameIdAndAnotherRunOrOrganisationAnother() {
		String id = observation(SNAPSHOT).envelope().id();

		assertThat(observation(SNAPSHOT).envelope().id()).isEqualTo(id).startsWith("osquery-").hasSizeLessThan(200);
		assertThat(observation(SNAPSHOT.replace("\"counter\":0", "\"counter\":1")).envelope().id()).isNotEqualTo(id);
		assertThat(observation(SNAPSHOT.replace("\"epoch\":0", "\"epoch\":7")).envelope().id()).isNotEqualTo(id);
		assertThat(observation(SNAPSHOT.replace("1796622683", "1796619083")).envelope().id()).isNotEqualTo(id);
		Observation elsewhere = (Observation) results.read("phaseout.inventory.osquery.OTHER-ORG", bytes(SNAPSHOT));
		assertThat(elsewhere.event().envelope().id()).as("the same host name in another organisation").isNotEqualTo(id);
	}

	@Test
	void aHostWithoutSecurityProductsIsObservedWithNone() {
		assertThat(observation(SNAPSHOT.replaceFirst("\\[\\{.*?}],", "[],")).products()).isEmpty();
	}

	@Test
	void rowsTheJoinRepeatsCountOnce() {
		String repeated = SNAPSHOT.replace("\"snapshot\":[", "\"snapshot\":[{\"name\":\"Windows Firewall\",\"type\":"
				+ "\"Firewall\",\"state\":\"On\",\"publisher\":\"Microsoft Corporation\"},");

		assertThat(observation(repeated).products()).hasSize(3);
	}

	@Test
	void olderOsqueryWritesTimesAsStrings() {
		EndpointObserved observed = observation(SNAPSHOT.replace("\"unixTime\":1796622683,\"epoch\":0,\"counter\":0",
				"\"unixTime\":\"1796622683\",\"epoch\":\"0\",\"counter\":\"0\""));

		assertThat(observed.observedAt()).isEqualTo(Instant.parse("2026-12-07T05:51:23Z"));
		assertThat(observed.envelope().id()).isEqualTo(observation(SNAPSHOT).envelope().id());
	}

	@Test
	void otherResultsAreIgnoredSayingWhat() {
		assertThat(ignored(ADDED)).contains("'added' result of phaseout_security_products");
		assertThat(ignored(ADDED.replace("\"added\"", "\"removed\""))).contains("'removed' result");
		assertThat(ignored("""
				{"diffResults":{"added":[{"name":"Windows Defender","type":"Antivirus","state":"On"}],"removed":[]},\
				"name":"pack_phaseout_phaseout_security_products","hostIdentifier":"ws-1","calendarTime":"Mon Dec  7 05:51:23 2026 UTC",\
				"unixTime":1796622683,"epoch":0,"counter":2,"numerics":false,"decorations":{}}""")).contains("batched differential");
		assertThat(ignored(SNAPSHOT.replace("pack_phaseout_phaseout_security_products", "pack_it_installed_programs")))
			.contains("a result of query 'pack_it_installed_programs'");
		assertThat(ignored("""
				{"hostIdentifier":"ws-1","calendarTime":"Mon Dec  7 05:51:23 2026 UTC","unixTime":"1796622683",\
				"severity":"0","filename":"scheduler.cpp","line":"83","message":"Executing scheduled query","version":"5.14.1",\
				"decorations":{}}""")).contains("status log");
		assertThat(ignored(ADDED.replace("\"added\"", "\"snapshot\""))).contains("--logger_snapshot_event_type");
	}

	@Test
	void aRecordThatIsNoJsonObjectIsInvalidSayingWhy() {
		assertThatThrownBy(() -> read("{\"snapshot\":[")).isInstanceOf(InvalidEventException.class)
			.hasMessageStartingWith("not an osquery result log line: the value is not JSON");
		assertThatThrownBy(() -> read("[1,2]")).hasMessage("not an osquery result log line: the value is not a JSON object");
		assertThatThrownBy(() -> read(SNAPSHOT + "{}")).hasMessageContaining("not JSON");
		assertThatThrownBy(() -> read(SNAPSHOT.replace("\"epoch\":0", "\"epoch\":0,\"hostIdentifier\":\"ws-2\"")))
			.as("two readers must not see two hosts")
			.hasMessageContaining("Duplicate field 'hostIdentifier'");
		assertThatThrownBy(() -> read("")).hasMessage("record has no value");
	}

	@Test
	void aSnapshotWithoutWhatTheEngineNeedsIsInvalid() {
		assertThatThrownBy(() -> read(SNAPSHOT.replace("\"hostIdentifier\":\"4C4C4544-0042-3510-8052-B4C04F4E4B32\",", "")))
			.hasMessage("missing hostIdentifier");
		assertThatThrownBy(() -> read(SNAPSHOT.replace("\"unixTime\":1796622683", "\"unixTime\":-1")))
			.hasMessage("unixTime must be a whole number of 0 or more");
		assertThatThrownBy(() -> read(SNAPSHOT.replace("\"type\":\"Firewall\",", "")))
			.hasMessage("missing snapshot[2].type");
		assertThatThrownBy(() -> read(SNAPSHOT.replace("\"snapshot\":[", "\"snapshot\":{\"x\":[").replace("}],\"action",
				"}]},\"action"))).hasMessage("snapshot must be a list of rows");
	}

	@Tag("security")
	@Test
	void hostsAndProductsFollowTheTextRulesAtTheEdge() {
		assertThatThrownBy(() -> read(SNAPSHOT.replace("4C4C4544-0042-3510-8052-B4C04F4E4B32\",\"calendarTime",
				"ws\\u202Eexe.doc\",\"calendarTime"))).hasMessageStartingWith(
						"hostIdentifier contains the formatting character U+202E at position 3");
		assertThatThrownBy(() -> read(SNAPSHOT.replace("Windows Defender", "[Defender](https://evil.example)")))
			.hasMessageStartingWith("snapshot[1].name contains '['");
		assertThatThrownBy(() -> read(SNAPSHOT.replace("Microsoft Corporation\"},", "<b>Microsoft</b>\"},")))
			.hasMessageStartingWith("snapshot[1].publisher contains '<'");
		assertThatThrownBy(() -> read(SNAPSHOT.replace("4C4C4544-0042-3510-8052-B4C04F4E4B32\",\"calendarTime",
				"x".repeat(201) + "\",\"calendarTime"))).hasMessage("hostIdentifier is longer than 200 characters");
	}

	@Tag("security")
	@Test
	void anObservationCannotReportTheFuture() {
		assertThatThrownBy(() -> read(SNAPSHOT.replace("1796622683", String.valueOf(NOW.plusSeconds(301).getEpochSecond()))))
			.hasMessageContaining("ahead of the engine's clock");
		assertThat(observation(SNAPSHOT.replace("1796622683", String.valueOf(NOW.plusSeconds(300).getEpochSecond()))))
			.isNotNull();
	}

	@Tag("security")
	@Test
	void theTopicMustNameAnOrganisation() {
		assertThatThrownBy(() -> results.read("phaseout.inventory.osquery.-x", bytes(SNAPSHOT)))
			.hasMessageContaining("names no organisation");
		assertThat(OsqueryResults.organisationOf("phaseout.inventory.osquery.min.jenv_2")).contains("min.jenv_2");
		assertThat(OsqueryResults.organisationOf("phaseout.inventory.osquery.")).isEmpty();
		assertThat(OsqueryResults.organisationOf("phaseout.inventory")).isEmpty();
		assertThat("phaseout.inventory.osquery.MIN-JENV").matches(OsqueryResults.TOPIC_PATTERN);
		assertThat("phaseout.inventory.osquery").doesNotMatch(OsqueryResults.TOPIC_PATTERN);
		assertThat("phaseout.inventory.osqueryX").doesNotMatch(OsqueryResults.TOPIC_PATTERN);
	}

	private EndpointObserved observation(String line) {
		OsqueryResult result = read(line);
		assertThat(result).isInstanceOf(Observation.class);
		return ((Observation) result).event();
	}

	private String ignored(String line) {
		OsqueryResult result = read(line);
		assertThat(result).isInstanceOf(Ignored.class);
		return ((Ignored) result).reason();
	}

	private OsqueryResult read(String line) {
		return results.read(TOPIC, bytes(line));
	}

	private static byte[] bytes(String line) {
		return line.getBytes(StandardCharsets.UTF_8);
	}

}
