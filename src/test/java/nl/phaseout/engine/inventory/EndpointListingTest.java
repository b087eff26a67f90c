package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.TestRecords.DEFENDER_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.DEFENDER_PASSIVE;
import static nl.phaseout.engine.inventory.TestRecords.KASPERSKY_PASSIVE;
import static nl.phaseout.engine.inventory.TestRecords.observed;
import static nl.phaseout.engine.inventory.TestRecords.products;
import static nl.phaseout.engine.inventory.TestRecords.retired;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.tags.NeedsPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The endpoints list's queries on both databases. PostgreSQL at 127.0.0.1:5432 (database
 * {@code test}, user {@code postgres}), in a schema of its own that is dropped afterwards.
 */
@NeedsPostgres
class EndpointListingTest {

	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String SCHEMA = "endpoint_listing_" + UUID.randomUUID().toString().substring(0, 8);

	private static final String CAMPAIGN = ActiveCampaigns.DEFAULT_CAMPAIGN;

	private static ProjectionFixture h2;

	private static ProjectionFixture postgres;

	static Stream<Named<ProjectionFixture>> databases() {
		if (h2 == null) {
			var dataSource = new DriverManagerDataSource("jdbc:h2:mem:endpoint-listing;DB_CLOSE_DELAY=-1", "sa", "");
			new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS");
			h2 = new ProjectionFixture(dataSource);
			new JdbcTemplate(new DriverManagerDataSource(POSTGRES, "postgres", "")).execute("CREATE SCHEMA " + SCHEMA);
			postgres = new ProjectionFixture(
					new DriverManagerDataSource(POSTGRES + "?currentSchema=" + SCHEMA, "postgres", ""));
		}
		return Stream.of(Named.of("H2", h2), Named.of("PostgreSQL", postgres));
	}

	@AfterAll
	static void dropSchema() {
		if (postgres != null) {
			new JdbcTemplate(new DriverManagerDataSource(POSTGRES, "postgres", ""))
				.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void endpointsAreListedByStatusInPagesOrderedById(ProjectionFixture database) {
		String org = "ORG-" + UUID.randomUUID();
		database.apply(observed(org, "c-banned", id(), "2024-05-01T10:00:00Z", products(KASPERSKY_PASSIVE)),
				observed(org, "a-protected", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "b-protected", id(), "2024-05-01T11:00:00Z", products(DEFENDER_ACTIVE)),
				observed(org, "d-unprotected", id(), "2024-05-01T10:00:00Z", products(DEFENDER_PASSIVE)),
				observed(org, "e-retired", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)),
				retired(org, "e-retired", id(), "2024-05-02T10:00:00Z"));
		EndpointListing listing = database.listing;

		var all = listing.page(CAMPAIGN, org, null, 0, 50);
		var protectedOnes = listing.page(CAMPAIGN, org, EndpointStatus.PROTECTED, 0, 50);
		var secondPage = listing.page(CAMPAIGN, org, null, 1, 2);

		assertThat(all.total()).isEqualTo(5);
		assertThat(all.endpoints()).extracting(EndpointListing.Endpoint::endpointId, EndpointListing.Endpoint::status)
			.containsExactly(tuple("a-protected", "protected"), tuple("b-protected", "protected"),
					tuple("c-banned", "banned"), tuple("d-unprotected", "unprotected"), tuple("e-retired", "retired"));
		assertThat(protectedOnes.total()).isEqualTo(2);
		assertThat(protectedOnes.endpoints()).extracting(EndpointListing.Endpoint::endpointId)
			.containsExactly("a-protected", "b-protected");
		assertThat(listing.page(CAMPAIGN, org, EndpointStatus.RETIRED, 0, 50).endpoints())
			.extracting(EndpointListing.Endpoint::endpointId, EndpointListing.Endpoint::retiredAt)
			.containsExactly(tuple("e-retired", Instant.parse("2024-05-02T10:00:00Z")));
		assertThat(secondPage.total()).isEqualTo(5);
		assertThat(secondPage.endpoints()).extracting(EndpointListing.Endpoint::endpointId)
			.containsExactly("c-banned", "d-unprotected");
		EndpointListing.Endpoint banned = all.endpoints().get(2);
		assertThat(banned.observedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
		assertThat(banned.source()).isEqualTo("urn:test:intune");
		assertThat(banned.products()).isEqualTo("[" + KASPERSKY_PASSIVE.strip() + "]");
	}

	@ParameterizedTest
	@MethodSource("databases")
	void liveEndpointsAreFoundByTheSourceThatLastReportedThem(ProjectionFixture database) {
		String org = "ORG-" + UUID.randomUUID();
		List<ConsumerRecord<String, byte[]>> events = new ArrayList<>();
		events.add(observedBy("urn:phaseout:manual:jan", org, "manual-live"));
		events.add(observedBy("urn:phaseout:manual:jan", org, "manual-retired"));
		events.add(retired(org, "manual-retired", id(), "2024-06-01T10:00:00Z"));
		events.add(observedBy("urn:phaseout:manuals", org, "look-alike"));
		events.add(observedBy("urn:phaseout:manual_x", org, "underscore-is-no-wildcard"));
		events.add(observed(org, "feed", id(), "2024-05-01T10:00:00Z", products(DEFENDER_ACTIVE)));
		database.apply(events);

		assertThat(database.listing.liveReportedBy(CAMPAIGN, org, ManualInventory.SOURCE_PREFIX))
			.containsExactly("manual-live");
	}

	private static ConsumerRecord<String, byte[]> observedBy(String source, String org, String endpoint) {
		String value = """
				{"specversion":"1.0","id":"%s","source":"%s","type":"%s","data":{"organisationId":"%s",
				 "endpointId":"%s","observedAt":"2024-05-01T10:00:00Z","products":[%s]}}"""
			.formatted(id(), source, InventoryEvent.ENDPOINT_OBSERVED, org, endpoint, DEFENDER_ACTIVE);
		return TestRecords.record(org, value, Map.of("content-type", InventoryEvent.STRUCTURED_CONTENT_TYPE));
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

}
