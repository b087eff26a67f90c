package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;


/**
 * The projection against a model of the contract's rule: whatever the order, the repeats and the
 * batches in which a few organisations' endpoint events arrive, each endpoint counts as its latest
 * event says (the observation with the latest {@code observedAt}, the first one applied of two
 * that tie; retired when a retirement is later than that), and the counts are the sum of that, in each
 * of two campaigns active at once, each classifying by its own decision (Kaspersky antivirus, Windows 10):
 * whatever the history, each campaign's counts are a count from scratch under its own classification.
 * Times collide on purpose, also below the microsecond that the projection keeps. A failure prints
 * the smallest history found (QuickTheories shrinks it) and the seed that reproduces it.
 */
class ProjectionPropertiesTest {

	private static final Instant BASE = Instant.parse("2024-05-01T10:00:00Z");

	/** Two campaigns active at once, each classifying every observation by its own decision. */
	private static final ActiveCampaigns.Campaign KASPERSKY = new ActiveCampaigns.Campaign(
			ActiveCampaigns.DEFAULT_CAMPAIGN, ActiveCampaigns.DEFAULT_DECISION);

	private static final ActiveCampaigns.Campaign WINDOWS_10 = new ActiveCampaigns.Campaign("windows-10-test",
			ClassificationEngine.WINDOWS_10_DECISION);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static ProjectionFixture fixture;

	private static EndpointListing listing;

	/** A product as observed: vendor, name, category, state. */
	record Product(String vendor, String name, String category, String state) {

		String json() {
			return TestRecords.product(vendor, name, category, state);
		}

		@Override
		public String toString() {
			return vendor + " " + category + " " + state;
		}

	}

	/**
	 * The product lists events choose from: banned in any state, protected, unprotected, banned vendor's VPN;
	 * with operating systems, which the Kaspersky campaign ignores and the Windows 10 one bans or takes as
	 * the alternative, so an endpoint is often banned in one campaign and protected in the other.
	 */
	static final List<List<Product>> PRODUCT_LISTS = List.of(List.of(),
			List.of(new Product("Kaspersky", "Kaspersky Endpoint Security", "antivirus", "active")),
			List.of(new Product("Kaspersky", "Kaspersky Endpoint Security", "antivirus", "disabled"),
					new Product("Microsoft", "Defender", "antivirus", "active")),
			List.of(new Product("Microsoft", "Defender", "antivirus", "active")),
			List.of(new Product("Microsoft", "Defender", "antivirus", "passive")),
			List.of(new Product("Kaspersky", "Kaspersky VPN", "vpn", "active"),
					new Product("ESET", "Endpoint Security", "antivirus", "active")),
			List.of(new Product("Kaspersky", "Kaspersky VPN", "vpn", "active")),
			List.of(new Product("Sophos", "Intercept X", "antivirus", "disabled"),
					new Product("Microsoft", "Defender", "antivirus", "passive")),
			List.of(new Product("Microsoft", "Windows 10 Pro", "os", "active"),
					new Product("Microsoft", "Defender", "antivirus", "active")),
			List.of(new Product("Microsoft", "Windows 11 Pro", "os", "active"),
					new Product("Kaspersky", "Kaspersky Endpoint Security", "antivirus", "active")),
			List.of(new Product("Microsoft", "Windows 11 Pro", "os", "active")),
			List.of(new Product("Microsoft", "Windows 11 Pro", "os", "disabled"),
					new Product("Microsoft", "Windows 10 Pro", "os", "passive")));

	/** A new event: observation or retirement of one of a few endpoints of a few organisations. */
	record Fresh(boolean retirement, int organisation, int endpoint, int source, int hour, int nanos, int products)
			implements Delivery {

		Instant time() {
			return BASE.plusSeconds(3600L * hour).plusNanos(nanos);
		}

		@Override
		public String toString() {
			return (retirement ? "retired" : "observed " + PRODUCT_LISTS.get(products)) + " org" + organisation
					+ "/ep-" + endpoint + " at " + hour + "h+" + nanos + "ns by feed-" + source;
		}

	}

	/** A repeat of the n-th (modulo how many there are) fresh event delivered before it. */
	record Repeat(int of) implements Delivery {

		@Override
		public String toString() {
			return "repeat of #" + of;
		}

	}

	sealed interface Delivery permits Fresh, Repeat {
	}

	@BeforeAll
	static void database() {
		var dataSource = new DriverManagerDataSource("jdbc:h2:mem:projection-properties;DB_CLOSE_DELAY=-1", "sa", "");
		new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS");
		fixture = new ProjectionFixture(dataSource);
		fixture.active.clear();
		fixture.active.addAll(List.of(KASPERSKY, WINDOWS_10));
		listing = fixture.listing;
	}

	@Test
	void countsAreThoseOfEachEndpointsLatestEvent() {
		qt().withExamples(Integer.getInteger("projection.examples", 100))
			.withShrinkCycles(200)
			.forAll(deliveries(), batchSizes())
			.checkAssert(ProjectionPropertiesTest::appliedInBatchesGiveTheLatestEventsCounts);
	}

	private static void appliedInBatchesGiveTheLatestEventsCounts(List<Delivery> deliveries,
			List<Integer> batchSizes) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<Fresh> fresh = new ArrayList<>();
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		List<Fresh> applied = new ArrayList<>();
		for (Delivery delivery : deliveries) {
			if (delivery instanceof Fresh event) {
				fresh.add(event);
				records.add(record(run, fresh.size() - 1, event));
				applied.add(event);
			}
			else if (delivery instanceof Repeat repeat && !fresh.isEmpty()) {
				int index = repeat.of() % fresh.size();
				records.add(record(run, index, fresh.get(index)));
				applied.add(fresh.get(index));
			}
		}

		int from = 0;
		for (int i = 0; from < records.size(); i++) {
			int size = batchSizes.get(i % batchSizes.size());
			fixture.apply(records.subList(from, Math.min(records.size(), from + size)));
			from += size;
		}

		Map<String, Map<String, Latest>> expected = model(run, applied);
		for (ActiveCampaigns.Campaign campaign : List.of(KASPERSKY, WINDOWS_10)) {
			for (int organisation = 0; organisation < 3; organisation++) {
				assertCountedAsTheModelSays(campaign, organisation(run, organisation),
						expected.getOrDefault(organisation(run, organisation), Map.of()));
			}
		}
	}

	/** The campaign's counts, and each endpoint's status, are those of a count from scratch under its decision. */
	private static void assertCountedAsTheModelSays(ActiveCampaigns.Campaign campaign, String org,
			Map<String, Latest> endpoints) {
		String campaignId = campaign.campaignId();
		InventorySnapshot counts = fixture.snapshot(campaignId, org);
		assertThat(List.of(counts.total(), counts.banned(), counts.protectedCount(), counts.unprotected(),
				counts.retired()))
			.as("total, banned, protected, unprotected, retired of %s in %s", org, campaignId)
			.containsExactly(count(endpoints, campaign, null), count(endpoints, campaign, EndpointStatus.BANNED),
					count(endpoints, campaign, EndpointStatus.PROTECTED),
					count(endpoints, campaign, EndpointStatus.UNPROTECTED),
					count(endpoints, campaign, EndpointStatus.RETIRED));
		var listed = listing.page(campaignId, org, null, 0, 500).endpoints();
		assertThat(listed.stream()
			.collect(Collectors.toMap(EndpointListing.Endpoint::endpointId, EndpointListing.Endpoint::status)))
			.as("each endpoint's status in %s in %s", org, campaignId)
			.isEqualTo(endpoints.entrySet()
				.stream()
				.collect(Collectors.toMap(Entry::getKey, entry -> entry.getValue().status(campaign).apiName())));
		for (EndpointListing.Endpoint endpoint : listed) {
			Latest latest = endpoints.get(endpoint.endpointId());
			assertThat(endpoint.observedAt()).as("observedAt of %s", endpoint.endpointId())
				.isEqualTo(latest.observedAt());
			assertThat(products(endpoint.products())).as("products of %s", endpoint.endpointId())
				.isEqualTo(latest.products());
		}
	}

	/** Up to 40 deliveries: mostly new events, some repeats of earlier ones. */
	private static Gen<List<Delivery>> deliveries() {
		Gen<Fresh> fresh = in -> new Fresh(Generate.range(0, 3).generate(in) == 3, Generate.range(0, 2).generate(in),
				Generate.range(0, 3).generate(in), Generate.range(0, 1).generate(in), Generate.range(0, 4).generate(in),
				Generate.pick(List.of(0, 500, 1000)).generate(in),
				Generate.range(0, PRODUCT_LISTS.size() - 1).generate(in));
		Gen<Delivery> delivery = Generate.frequency(Pair.of(4, fresh.map(Delivery.class::cast)),
				Pair.of(1, Generate.range(0, 50).map(Repeat::new)));
		return lists().of(delivery).ofSizeBetween(1, 40);
	}

	/** The sizes of the batches the deliveries are applied in, used round robin. */
	private static Gen<List<Integer>> batchSizes() {
		return lists().of(Generate.range(1, 12)).ofSizeBetween(1, 8);
	}

	/** What the contract says each endpoint is, from the events in the order they were applied. */
	private static Map<String, Map<String, Latest>> model(String run, List<Fresh> applied) {
		Map<String, Map<String, Latest>> organisations = new LinkedHashMap<>();
		List<Fresh> seen = new ArrayList<>();
		for (Fresh event : applied) {
			if (seen.contains(event)) {
				continue; // a repeat: the projection knows it and changes nothing
			}
			seen.add(event);
			Map<String, Latest> endpoints = organisations.computeIfAbsent(organisation(run, event.organisation()),
					org -> new LinkedHashMap<>());
			endpoints.merge("ep-" + event.endpoint(), Latest.of(event), Latest::then);
		}
		return organisations;
	}

	/** One endpoint as its events so far leave it. */
	record Latest(Instant observedAt, List<Product> products, Instant retiredAt) {

		static Latest of(Fresh event) {
			Instant time = event.time().truncatedTo(ChronoUnit.MICROS);
			return event.retirement() ? new Latest(null, null, time)
					: new Latest(time, PRODUCT_LISTS.get(event.products()), null);
		}

		/** This endpoint after a later-applied event: a newer observation wins, a tie keeps the first. */
		Latest then(Latest next) {
			boolean newer = next.observedAt != null && (observedAt == null || next.observedAt.isAfter(observedAt));
			Instant retired = retiredAt == null || (next.retiredAt != null && next.retiredAt.isAfter(retiredAt))
					? next.retiredAt == null ? retiredAt : next.retiredAt : retiredAt;
			return newer ? new Latest(next.observedAt, next.products, retired)
					: new Latest(observedAt, products, retired);
		}

		/**
		 * As the contract says, under the campaign's rule: Kaspersky antivirus banned in any state and any
		 * other active antivirus the alternative; or Windows 10 banned in any state and an active Windows 11
		 * the alternative. Protected: an active product the campaign takes as the alternative.
		 */
		EndpointStatus status(ActiveCampaigns.Campaign campaign) {
			if (retiredAt != null && (observedAt == null || retiredAt.isAfter(observedAt))) {
				return EndpointStatus.RETIRED;
			}
			boolean kaspersky = campaign == KASPERSKY;
			java.util.function.Predicate<Product> banned = kaspersky
					? p -> p.vendor().equals("Kaspersky") && p.category().equals("antivirus")
					: p -> p.category().equals("os") && p.name().contains("Windows 10");
			java.util.function.Predicate<Product> alternative = kaspersky
					? p -> p.category().equals("antivirus") && !p.vendor().equals("Kaspersky")
					: p -> p.category().equals("os") && p.name().contains("Windows 11");
			if (products.stream().anyMatch(banned)) {
				return EndpointStatus.BANNED;
			}
			if (products.stream().anyMatch(p -> alternative.test(p) && p.state().equals("active"))) {
				return EndpointStatus.PROTECTED;
			}
			return EndpointStatus.UNPROTECTED;
		}

	}

	/** How many endpoints have the status in the campaign; null: how many are live. */
	private static long count(Map<String, Latest> endpoints, ActiveCampaigns.Campaign campaign,
			EndpointStatus status) {
		return endpoints.values()
			.stream()
			.map(latest -> latest.status(campaign))
			.filter(s -> status == null ? s != EndpointStatus.RETIRED : s == status)
			.count();
	}

	private static List<Product> products(String json) {
		if (json == null) {
			return null;
		}
		List<Product> products = new ArrayList<>();
		JsonNode list;
		try {
			list = JSON.readTree(json);
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("products are not JSON: " + json, ex);
		}
		for (JsonNode product : list) {
			products.add(new Product(product.path("vendor").asText(), product.path("name").asText(),
					product.path("category").asText(), product.path("state").asText()));
		}
		return products;
	}

	private static String organisation(String run, int index) {
		return "PROP-" + run + "-" + index;
	}

	private static ConsumerRecord<String, byte[]> record(String run, int index, Fresh event) {
		String org = organisation(run, event.organisation());
		String endpoint = "ep-" + event.endpoint();
		String data = event.retirement() ? """
				{"organisationId":"%s","endpointId":"%s","retiredAt":"%s"}""".formatted(org, endpoint, event.time())
				: """
						{"organisationId":"%s","endpointId":"%s","observedAt":"%s","products":[%s]}"""
					.formatted(org, endpoint, event.time(), PRODUCT_LISTS.get(event.products())
						.stream()
						.map(Product::json)
						.collect(Collectors.joining(",")));
		String value = """
				{"specversion":"1.0","id":"%s-%d","source":"urn:test:feed-%d","type":"%s","data":%s}"""
			.formatted(run, index, event.source(),
					event.retirement() ? InventoryEvent.ENDPOINT_RETIRED : InventoryEvent.ENDPOINT_OBSERVED, data);
		return TestRecords.record(org, value,
				Map.of("content-type", InventoryEvent.STRUCTURED_CONTENT_TYPE));
	}

}
