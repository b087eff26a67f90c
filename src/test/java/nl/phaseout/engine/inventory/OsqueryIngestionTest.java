package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.phaseout.engine.inventory.InventoryProperties.Parked;
import nl.phaseout.engine.inventory.ReportingSourcesContract.Fixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * osquery's result logs as ingestion applies them, on H2: the topic names the organisation and
 * vouches for the source, other results are ignored and counted, and the source is accepted from
 * the osquery topics only.
 */
class OsqueryIngestionTest {

	private static Fixture fixture;

	private String org;

	private long unixTime;

	@BeforeAll
	static void pipeline() {
		var dataSource = new DriverManagerDataSource("jdbc:h2:mem:osquery-ingestion;DB_CLOSE_DELAY=-1", "sa", "");
		new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS");
		// A trusted source that would match osquery's too: the topic decides nonetheless.
		fixture = new Fixture(dataSource, new InventoryProperties(List.of("urn:phaseout:*"), Duration.ofMinutes(5),
				List.of(), Parked.DEFAULTS));
	}

	@BeforeEach
	void setUp() {
		fixture.deadLetters.clear();
		org = "ORG-" + UUID.randomUUID().toString().substring(0, 8);
		unixTime = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
	}

	@Test
	void aSnapshotCountsForTheTopicsOrganisationWithoutASourcesEntry() {
		register(org);

		fixture.ingestion.ingest(List.of(osquery(org, snapshot("ws-1", kaspersky("On")), 0),
				osquery(org, snapshot("ws-2", defender("On")), 1), osquery(org, snapshot("ws-3", defender("Off")), 2)));

		InventorySnapshot counts = fixture.projection.snapshot(org);
		assertThat(counts.total()).isEqualTo(3);
		assertThat(counts.banned()).as("Kaspersky's antivirus, named without its publisher").isEqualTo(1);
		assertThat(counts.protectedCount()).isEqualTo(1);
		assertThat(counts.unprotected()).isEqualTo(1);
		assertThat(fixture.deadLetters).isEmpty();
	}

	@Test
	void aRepeatedLineChangesNothing() {
		register(org);
		var line = osquery(org, snapshot("ws-1", defender("On")), 0);
		fixture.ingestion.ingest(List.of(line));
		double duplicates = fixture.events("duplicate");

		fixture.ingestion.ingest(List.of(line));

		assertThat(fixture.events("duplicate") - duplicates).isEqualTo(1);
		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
	}

	@Test
	void otherResultsAreIgnoredAndCountedNotDeadLettered() {
		register(org);
		double ignored = fixture.events("ignored");
		String added = "{\"name\":\"pack_phaseout_phaseout_security_products\",\"hostIdentifier\":\"ws-9\","
				+ "\"calendarTime\":\"Mon Dec  7 05:51:23 2026 UTC\",\"unixTime\":" + unixTime + ",\"epoch\":0,"
				+ "\"counter\":1,\"numerics\":false,\"decorations\":{},\"columns\":" + kaspersky("On") + ",\"action\":\"added\"}";
		String otherQuery = snapshot("ws-9", kaspersky("On")).replace("pack_phaseout_phaseout_security_products",
				"pack_it_usb_devices");

		fixture.ingestion.ingest(List.of(osquery(org, added, 0), osquery(org, otherQuery, 1)));

		assertThat(fixture.events("ignored") - ignored).isEqualTo(2);
		assertThat(fixture.deadLetters).isEmpty();
		assertThat(fixture.projection.snapshot(org).total()).isZero();
	}

	@Test
	void aLineThatIsNoJsonIsDeadLetteredWithTheReason() {
		register(org);

		fixture.ingestion.ingest(List.of(osquery(org, "I0101 05:51:23.000000 scheduler.cpp:83] Executing", 0)));

		assertThat(fixture.deadLetters).singleElement()
			.asString()
			.contains("not an osquery result log line: the value is not JSON");
	}

	@Tag("security")
	@Test
	void osquerysSourceClaimedOnAnyOtherTopicIsDeadLettered() {
		register(org, "urn:phaseout:osquery");

		fixture.ingestion.ingest(List.of(ReportingSourcesContract.observed("urn:phaseout:osquery", org, "ep-1")));

		assertThat(fixture.projection.snapshot(org).total()).isZero();
		assertThat(fixture.deadLetters).singleElement()
			.asString()
			.contains("source 'urn:phaseout:osquery' is accepted only from the topics phaseout.inventory.osquery."
					+ "<organisationId>, not from topic 'phaseout.inventory'");
	}

	@Tag("security")
	@Test
	void theTopicNotADecorationNamesTheOrganisation() {
		String other = "ORG-" + UUID.randomUUID().toString().substring(0, 8);
		register(org);
		register(other);

		fixture.ingestion.ingest(List.of(osquery(org,
				snapshot("ws-1", kaspersky("On")).replace("\"decorations\":{}", "\"decorations\":{\"organisationId\":\""
						+ other + "\"}"), 0)));

		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
		assertThat(fixture.projection.snapshot(other).total()).isZero();
	}

	private void register(String organisationId, String... patterns) {
		fixture.projection.transaction.executeWithoutResult(status -> fixture.register(organisationId, patterns));
	}

	private String snapshot(String host, String... rows) {
		return "{\"snapshot\":[" + String.join(",", rows) + "],\"action\":\"snapshot\","
				+ "\"name\":\"pack_phaseout_phaseout_security_products\",\"hostIdentifier\":\"" + host + "\","
				+ "\"calendarTime\":\"Mon Dec  7 05:51:23 2026 UTC\",\"unixTime\":" + unixTime
				+ ",\"epoch\":0,\"counter\":0,\"numerics\":false,\"decorations\":{}}";
	}

	private static String kaspersky(String state) {
		return "{\"name\":\"Kaspersky Endpoint Security for Windows\",\"type\":\"Antivirus\",\"state\":\"" + state + "\"}";
	}

	private static String defender(String state) {
		return "{\"name\":\"Windows Defender\",\"type\":\"Antivirus\",\"state\":\"" + state
				+ "\",\"publisher\":\"Microsoft Corporation\"}";
	}

	/** As osquery's Kafka logger sends it: the key is its host name and binary, no headers. */
	private static ConsumerRecord<String, byte[]> osquery(String organisationId, String line, long offset) {
		return new ConsumerRecord<>("phaseout.inventory.osquery." + organisationId, 0, offset, "ws-1_osqueryd",
				line.getBytes(StandardCharsets.UTF_8));
	}

}
