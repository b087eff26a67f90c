package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.phaseout.engine.inventory.ProjectionPropertiesTest.Product;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Staleness against a model of the contract's rule: whatever the ages of the observations, the scans
 * that move an organisation's inventory clock, the order and the batches they arrive in, a live
 * endpoint without a banned product whose latest observation is more than {@code staleAfter} (here
 * six hours) before the organisation's clock (its latest observedAt or scan completedAt) is stale,
 * protected and unprotected count fresh endpoints only, and total = banned + stale + protected +
 * unprotected. The counts are kept incrementally (a range of the index per clock move); the model
 * counts everything from scratch. Event times are distinct, so the order of arrival cannot matter.
 */
class StalenessPropertiesTest {

	private static final Instant BASE = Instant.parse("2024-05-01T00:00:00Z");

	private static final Duration STALE_AFTER = Duration.ofHours(6);

	private static final String CAMPAIGN = "fresh-test";

	private static ProjectionFixture fixture;

	enum Kind {
		OBSERVED, RETIRED, SCAN
	}

	/** One inventory event of one of two organisations: its hour on the inventory's clock, 0 to 40. */
	record Event(Kind kind, int organisation, int endpoint, int hour, int products) {

		Instant time(int index) {
			// distinct per event, in whole microseconds (what the projection keeps)
			return BASE.plusSeconds(3600L * hour).plusNanos(1000L * (index + 1));
		}

	}

	@BeforeAll
	static void database() {
		var dataSource = new DriverManagerDataSource("jdbc:h2:mem:staleness-properties;DB_CLOSE_DELAY=-1", "sa", "");
		new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS");
		fixture = new ProjectionFixture(dataSource);
		fixture.beans.addBean("activeCampaigns", (ActiveCampaigns) () -> List
			.of(new ActiveCampaigns.Campaign(CAMPAIGN, ActiveCampaigns.DEFAULT_DECISION, STALE_AFTER)));
	}

	@Test
	void staleCountsAreThoseTheRuleGivesWhateverTheAgesOrderAndBatches() {
		qt().withExamples(Integer.getInteger("projection.examples", 100))
			.withShrinkCycles(200)
			.forAll(events(), lists().of(Generate.range(1, 10)).ofSizeBetween(1, 6))
			.checkAssert(StalenessPropertiesTest::countsFollowTheRule);
	}

	private static void countsFollowTheRule(List<Event> events, List<Integer> batchSizes) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			records.add(record(run, i, events.get(i)));
		}
		int from = 0;
		for (int i = 0; from < records.size(); i++) {
			int size = batchSizes.get(i % batchSizes.size());
			fixture.apply(records.subList(from, Math.min(records.size(), from + size)));
			from += size;
		}

		for (int organisation = 0; organisation < 2; organisation++) {
			String org = organisation(run, organisation);
			Map<String, EndpointStatus> expected = model(events, organisation);
			EndpointCounts counts = fixture
				.inTransaction(() -> fixture.state.snapshot(CAMPAIGN, org))
				.counts();
			assertThat(counts).as("counts of organisation %d", organisation)
				.isEqualTo(new EndpointCounts(count(expected, null), count(expected, EndpointStatus.BANNED),
						count(expected, EndpointStatus.PROTECTED), count(expected, EndpointStatus.UNPROTECTED),
						count(expected, EndpointStatus.STALE), count(expected, EndpointStatus.RETIRED)));
			assertThat(counts.total())
				.isEqualTo(counts.banned() + counts.stale() + counts.protectedCount() + counts.unprotected());
			assertThat(fixture.listing.page(CAMPAIGN, org, null, 0, 500)
				.endpoints()
				.stream()
				.collect(Collectors.toMap(EndpointListing.Endpoint::endpointId, EndpointListing.Endpoint::status)))
				.as("each endpoint's status in organisation %d", organisation)
				.isEqualTo(expected.entrySet()
					.stream()
					.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().apiName())));
			assertThat(fixture.listing.page(CAMPAIGN, org, EndpointStatus.STALE, 0, 500).total())
				.as("?status=stale of organisation %d", organisation)
				.isEqualTo(counts.stale());
		}
	}

	/** Each endpoint of the organisation as the contract says, counted from scratch. */
	private static Map<String, EndpointStatus> model(List<Event> events, int organisation) {
		Instant clock = null;
		Map<String, Instant> observedAt = new HashMap<>();
		Map<String, Integer> products = new HashMap<>();
		Map<String, Instant> retiredAt = new HashMap<>();
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			if (event.organisation() != organisation) {
				continue;
			}
			Instant time = event.time(i);
			String endpoint = "ep-" + event.endpoint();
			switch (event.kind()) {
				case SCAN -> clock = Freshness.later(clock, time);
				case RETIRED -> retiredAt.merge(endpoint, time, Freshness::later);
				case OBSERVED -> {
					clock = Freshness.later(clock, time);
					if (!observedAt.containsKey(endpoint) || time.isAfter(observedAt.get(endpoint))) {
						observedAt.put(endpoint, time);
						products.put(endpoint, event.products());
					}
				}
			}
		}
		Instant threshold = clock == null ? null : clock.minus(STALE_AFTER);
		Map<String, EndpointStatus> statuses = new HashMap<>();
		for (String endpoint : union(observedAt, retiredAt)) {
			Instant observed = observedAt.get(endpoint);
			Instant retired = retiredAt.get(endpoint);
			if (retired != null && (observed == null || retired.isAfter(observed))) {
				statuses.put(endpoint, EndpointStatus.RETIRED);
				continue;
			}
			List<Product> list = ProjectionPropertiesTest.PRODUCT_LISTS.get(products.get(endpoint));
			boolean banned = list.stream().anyMatch(p -> p.vendor().equals("Kaspersky") && p.category().equals("antivirus"));
			boolean active = list.stream().anyMatch(p -> p.category().equals("antivirus") && p.state().equals("active"));
			statuses.put(endpoint, banned ? EndpointStatus.BANNED
					: threshold != null && observed.isBefore(threshold) ? EndpointStatus.STALE
							: active ? EndpointStatus.PROTECTED : EndpointStatus.UNPROTECTED);
		}
		return statuses;
	}

	private static List<String> union(Map<String, Instant> a, Map<String, Instant> b) {
		List<String> keys = new ArrayList<>(a.keySet());
		b.keySet().stream().filter(key -> !a.containsKey(key)).forEach(keys::add);
		return keys;
	}

	private static long count(Map<String, EndpointStatus> endpoints, EndpointStatus status) {
		return endpoints.values()
			.stream()
			.filter(s -> status == null ? s != EndpointStatus.RETIRED : s == status)
			.count();
	}

	/** Up to 40 events: mostly observations of any age, some retirements and scans. */
	private static Gen<List<Event>> events() {
		Gen<Kind> kind = Generate.pick(List.of(Kind.OBSERVED, Kind.OBSERVED, Kind.OBSERVED, Kind.OBSERVED,
				Kind.RETIRED, Kind.SCAN));
		Gen<Event> event = in -> new Event(kind.generate(in), Generate.range(0, 1).generate(in),
				Generate.range(0, 4).generate(in), Generate.range(0, 40).generate(in),
				Generate.range(0, ProjectionPropertiesTest.PRODUCT_LISTS.size() - 1).generate(in));
		return lists().of(event).ofSizeBetween(1, 40);
	}

	private static String organisation(String run, int index) {
		return "STALE-" + run + "-" + index;
	}

	private static ConsumerRecord<String, byte[]> record(String run, int index, Event event) {
		String org = organisation(run, event.organisation());
		String endpoint = "ep-" + event.endpoint();
		Instant time = event.time(index);
		String type;
		String data;
		switch (event.kind()) {
			case RETIRED -> {
				type = InventoryEvent.ENDPOINT_RETIRED;
				data = """
						{"organisationId":"%s","endpointId":"%s","retiredAt":"%s"}""".formatted(org, endpoint, time);
			}
			case SCAN -> {
				type = InventoryEvent.SCAN_COMPLETED;
				data = """
						{"organisationId":"%s","scanId":"scan-%d","completedAt":"%s","endpointCount":0}"""
					.formatted(org, index, time);
			}
			default -> {
				type = InventoryEvent.ENDPOINT_OBSERVED;
				data = """
						{"organisationId":"%s","endpointId":"%s","observedAt":"%s","products":[%s]}"""
					.formatted(org, endpoint, time, ProjectionPropertiesTest.PRODUCT_LISTS.get(event.products())
						.stream()
						.map(Product::json)
						.collect(Collectors.joining(",")));
			}
		}
		String value = """
				{"specversion":"1.0","id":"%s-%d","source":"urn:test:feed","type":"%s","data":%s}"""
			.formatted(run, index, type, data);
		return TestRecords.record(org, value, Map.of("content-type", InventoryEvent.STRUCTURED_CONTENT_TYPE));
	}

}
