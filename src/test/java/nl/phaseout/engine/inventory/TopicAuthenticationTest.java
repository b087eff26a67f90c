package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.ReportingSourcesContract.observed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import nl.phaseout.engine.inventory.InventoryProperties.Feed;
import nl.phaseout.engine.inventory.InventoryProperties.Parked;
import nl.phaseout.engine.inventory.ReportingSourcesContract.Fixture;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Sources are authenticated by the topic they arrive on: a feed's sources count from its topic
 * only, its topic carries no other source, and the manual uploads count from the engine's own
 * topic for their organisation with no sources or trusted-sources entry at all. And parking is
 * bounded. The pipeline as ingestion runs it, on H2, with small limits.
 */
@Tag("security")
class TopicAuthenticationTest {

	private static final String INTUNE_TOPIC = "phaseout.inventory.intune";

	private static final String INTUNE = "/intune/ministry";

	private static final String MANUAL = "urn:phaseout:manual:jan";

	private static Fixture fixture;

	private String org;

	@BeforeAll
	static void pipeline() {
		var dataSource = new DriverManagerDataSource("jdbc:h2:mem:topic-authentication;DB_CLOSE_DELAY=-1", "sa", "");
		new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS");
		// No trusted sources: what counts is the topic and the organisation's own sources.
		fixture = new Fixture(dataSource, new InventoryProperties(List.of(), Duration.ofMinutes(5),
				List.of(new Feed(INTUNE_TOPIC, List.of("/intune/*"))), new Parked(3, 2)));
	}

	@BeforeEach
	void setUp() {
		fixture.deadLetters.clear();
		org = "ORG-" + UUID.randomUUID();
	}

	@Test
	void aFeedsSourceCountsFromItsOwnTopic() {
		register(org, "/intune/*");

		fixture.ingestion.ingest(List.of(on(INTUNE_TOPIC, observed(INTUNE, org, "ep-1"))));

		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
		assertThat(fixture.deadLetters).isEmpty();
	}

	@Test
	void aFeedsSourceOnAnyOtherTopicIsDeadLetteredNamingTopicAndSource() {
		register(org, "/intune/*");
		double refusedBefore = fixture.events("refused");

		fixture.ingestion.ingest(List.of(observed(INTUNE, org, "ep-1")));

		assertThat(fixture.projection.snapshot(org).total()).isZero();
		assertThat(fixture.deadLetters).containsExactly(org + ": source '" + INTUNE
				+ "' is accepted only from topic 'phaseout.inventory.intune', not from topic 'phaseout.inventory':"
				+ " anyone may write there and claim it");
		assertThat(fixture.events("refused") - refusedBefore).isEqualTo(1);
	}

	@Test
	void aFeedsTopicCarriesNoOtherSource() {
		register(org, "urn:other:*");

		fixture.ingestion.ingest(List.of(on(INTUNE_TOPIC, observed("urn:other:scanner", org, "ep-1"))));

		assertThat(fixture.projection.snapshot(org).total()).isZero();
		assertThat(fixture.deadLetters).containsExactly(org + ": source 'urn:other:scanner' may not be claimed on"
				+ " topic 'phaseout.inventory.intune', which is the feed of /intune/* only");
	}

	@Test
	void anUploadCountsFromTheManualTopicForItsOrganisationWithoutAnySourcesEntry() {
		register(org);

		fixture.ingestion.ingest(List.of(on(Topics.INVENTORY_MANUAL, observed(MANUAL, org, "ep-1"))));

		assertThat(fixture.projection.snapshot(org).total()).isEqualTo(1);
		assertThat(fixture.deadLetters).isEmpty();
	}

	@Test
	void aManualSourceOnTheOpenTopicIsDeadLetteredEvenWhenTheOrganisationListsIt() {
		register(org, "urn:phaseout:manual:*");

		fixture.ingestion.ingest(List.of(observed(MANUAL, org, "ep-1")));

		assertThat(fixture.projection.snapshot(org).total()).isZero();
		assertThat(fixture.deadLetters).singleElement()
			.asString()
			.contains("source '" + MANUAL + "' is accepted only from topic 'phaseout.inventory.manual'");
	}

	@Test
	void aParkedEventFromTheWrongTopicIsRefusedWhenItsOrganisationRegisters() {
		fixture.ingestion.ingest(List.of(on(INTUNE_TOPIC, observed(INTUNE, org, "ep-1"))));
		assertThat(fixture.parkedFor(org)).isEqualTo(1);

		register(org, "urn:other:*");

		assertThat(fixture.projection.snapshot(org).total()).isZero();
		assertThat(fixture.deadLetters).singleElement().asString().contains("may not report for organisation");
	}

	@Test
	void parkingKeepsAtMostSoManyEventsPerOrganisationAndRefusesTheRest() {
		double refusedBefore = fixture.events("refused");

		fixture.ingestion.ingest(List.of(observed("urn:other:x", org, "ep-1"), observed("urn:other:x", org, "ep-2"),
				observed("urn:other:x", org, "ep-3")));

		assertThat(fixture.parkedFor(org)).isEqualTo(2);
		assertThat(fixture.deadLetters).containsExactly(org + ": organisation '" + org + "' is not registered, and 2"
				+ " events are kept for it already, the most kept for one organisation"
				+ " (phaseout.inventory.parked.max-events-per-organisation); register the organisation, then send the"
				+ " event again");
		assertThat(fixture.events("refused") - refusedBefore).isEqualTo(1);
		register(org);
	}

	@Test
	void parkingKeepsEventsForAtMostSoManyOrganisations() {
		List<String> made = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			made.add(org + "-" + i);
		}
		double refusedBefore = fixture.events("refused");

		for (String madeUp : made) {
			fixture.ingestion.ingest(List.of(observed("urn:other:x", madeUp, "ep-1")));
		}

		assertThat(made.stream().mapToLong(fixture::parkedFor).sum()).isEqualTo(3);
		assertThat(fixture.deadLetters).singleElement()
			.asString()
			.contains("events are kept already for 3 organisations that are not")
			.contains("phaseout.inventory.parked.max-organisations");
		assertThat(fixture.events("refused") - refusedBefore).isEqualTo(1);

		register(made.get(0));
		fixture.ingestion.ingest(List.of(observed("urn:other:x", made.get(3), "ep-1")));
		assertThat(fixture.parkedFor(made.get(3))).as("a place is free again once an organisation registers")
			.isEqualTo(1);
		made.forEach(this::register);
	}

	@Test
	void aFeedMayNotTakeTheEngineOwnTopicsOrTheManualOrOsquerySources() {
		assertThatThrownBy(() -> new InventoryProperties(List.of(), Duration.ZERO,
				List.of(new Feed(Topics.INVENTORY, List.of("/intune/*"))), null))
			.hasMessageContaining("topic 'phaseout.inventory' is one of the engine's own");
		assertThatThrownBy(() -> new InventoryProperties(List.of(), Duration.ZERO,
				List.of(new Feed("phaseout.inventory.x", List.of("urn:phaseout:*"))), null))
			.hasMessageContaining("would take the manual uploads' sources");
		assertThatThrownBy(() -> new InventoryProperties(List.of(), Duration.ZERO,
				List.of(new Feed("phaseout.inventory.x", List.of())), null))
			.hasMessageContaining("sources is required");
		assertThatThrownBy(() -> new InventoryProperties(List.of(), Duration.ZERO,
				List.of(new Feed("phaseout.inventory.osquery.MIN-JENV", List.of("/intune/*"))), null))
			.hasMessageContaining("carry osquery's result logs");
		assertThatThrownBy(() -> new InventoryProperties(List.of(), Duration.ZERO,
				List.of(new Feed("phaseout.inventory.x", List.of("urn:phaseout:osquery"))), null))
			.hasMessageContaining("would take osquery's source");
	}

	private void register(String organisationId, String... patterns) {
		fixture.projection.transaction.executeWithoutResult(status -> fixture.register(organisationId, patterns));
	}

	private static ConsumerRecord<String, byte[]> on(String topic, ConsumerRecord<String, byte[]> record) {
		var moved = new ConsumerRecord<>(topic, record.partition(), record.offset(), record.key(), record.value());
		record.headers().forEach(moved.headers()::add);
		return moved;
	}

}
