package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.inventory.TestRecords.DEFENDER_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.KASPERSKY_ACTIVE;
import static nl.phaseout.engine.inventory.TestRecords.observed;
import static nl.phaseout.engine.inventory.TestRecords.product;
import static nl.phaseout.engine.inventory.TestRecords.products;
import static nl.phaseout.engine.inventory.TestRecords.retired;
import static nl.phaseout.engine.inventory.TestRecords.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign that becomes active after endpoints were observed adopts them, classified by its own
 * decision, on the inventory's clock: through the real database (H2 and PostgreSQL, by the subclasses),
 * with observations arriving before, during and after the adoption, and a node that stops half-way.
 * Campaign A is the default (Kaspersky antivirus banned), B a Windows 10 phase-out (its test DMN).
 */
abstract class CampaignAdoptionContract {

	static final String WINDOWS_10 = product("Microsoft", "Windows 10 Enterprise", "os", "active");

	static final String WINDOWS_11 = product("Microsoft", "Windows 11 Enterprise", "os", "active");

	static final ActiveCampaigns.Campaign A = new ActiveCampaigns.Campaign(ActiveCampaigns.DEFAULT_CAMPAIGN,
			ActiveCampaigns.DEFAULT_DECISION);

	ProjectionFixture fixture;

	String org;

	/** The second campaign, new for each test: the tests share the database. */
	ActiveCampaigns.Campaign b;

	abstract ProjectionFixture fixture();

	@BeforeEach
	void setUp() {
		fixture = fixture();
		org = "ORG-" + UUID.randomUUID();
		b = new ActiveCampaigns.Campaign("win10-" + UUID.randomUUID().toString().substring(0, 8),
				ClassificationEngine.WINDOWS_10_DECISION);
		fixture.active.clear();
		fixture.active.add(A);
	}

	@AfterEach
	void onlyTheDefaultCampaign() {
		fixture.active.clear();
		fixture.active.add(A);
	}

	/** Four endpoints observed while A alone was active, one of them retired since, and a scan. */
	private void observedBeforeBWasActive() {
		fixture.apply(observed(org, "ep-1", id(), "2025-03-01T10:00:00Z", products(WINDOWS_10, DEFENDER_ACTIVE)),
				observed(org, "ep-2", id(), "2025-03-01T10:00:00Z", products(WINDOWS_11, KASPERSKY_ACTIVE)),
				observed(org, "ep-3", id(), "2025-03-01T11:00:00Z", products(WINDOWS_11)),
				observed(org, "ep-4", id(), "2025-03-01T09:00:00Z", products(WINDOWS_10)));
		fixture.apply(retired(org, "ep-4", id(), "2025-03-01T12:00:00Z"),
				scan(org, "scan-1", id(), "2025-03-01T13:00:00Z", 3));
	}

	@Test
	void aCampaignActivatedLaterAdoptsTheStoredEndpointsClassifiedByItsOwnDecision() {
		observedBeforeBWasActive();
		fixture.active.add(b);

		OrganisationAdoption.Adopted adopted = adopt();

		assertThat(fixture.snapshot(b.campaignId(), org).counts()).as("B: ep-1 banned, ep-2 and ep-3 on Windows 11")
			.isEqualTo(new EndpointCounts(3, 1, 2, 0, 0, 1));
		assertThat(fixture.snapshot(org).counts()).as("A as it was: ep-2 banned, ep-1 protected, ep-3 unprotected")
			.isEqualTo(new EndpointCounts(3, 1, 1, 1, 0, 1));
		assertThat(fixture.snapshot(b.campaignId(), org).inventoryTime()).as("the inventory's clock, not the engine's")
			.isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
		assertThat(fixture.snapshot(b.campaignId(), org).lastScan().scanId()).isEqualTo("scan-1");
		assertThat(adopted.endpointsWritten()).isEqualTo(4);
		assertThat(adopted.result().signals()).contains(Signal.inventoryChanged(org),
				Signal.bannedAppeared(b.campaignId(), org));
		assertThat(fixture.listing.page(b.campaignId(), org, EndpointStatus.BANNED, 0, 10).endpoints())
			.singleElement()
			.satisfies(endpoint -> {
				assertThat(endpoint.endpointId()).isEqualTo("ep-1");
				assertThat(endpoint.observedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
			});

		OrganisationAdoption.Adopted again = adopt();
		assertThat(again.endpointsWritten()).as("adopted twice: nothing changes").isZero();
		assertThat(fixture.snapshot(b.campaignId(), org).counts()).isEqualTo(new EndpointCounts(3, 1, 2, 0, 0, 1));
	}

	@Test
	void observationsArrivingAroundTheAdoptionAreNeitherLostNorCountedTwice() {
		observedBeforeBWasActive();
		fixture.active.add(b);
		// before the adoption reaches the organisation, B hears of ep-3 moving back to Windows 10 itself
		fixture.apply(observed(org, "ep-3", id(), "2025-03-02T10:00:00Z", products(WINDOWS_10)));
		assertThat(fixture.snapshot(b.campaignId(), org).counts()).as("B knows one endpoint so far")
			.isEqualTo(new EndpointCounts(1, 1, 0, 0, 0, 0));

		adopt();
		assertThat(fixture.snapshot(b.campaignId(), org).counts()).as("ep-3 stays as its latest observation says")
			.isEqualTo(new EndpointCounts(3, 2, 1, 0, 0, 1));

		// after it: a newer observation counts once, an older one not at all, a retirement as usual
		fixture.apply(observed(org, "ep-1", id(), "2025-03-03T10:00:00Z", products(WINDOWS_11)),
				observed(org, "ep-2", id(), "2025-02-01T10:00:00Z", products(WINDOWS_10)),
				observed(org, "ep-5", id(), "2025-03-03T10:00:00Z", products(WINDOWS_11)));
		assertThat(fixture.snapshot(b.campaignId(), org).counts())
			.isEqualTo(new EndpointCounts(4, 1, 3, 0, 0, 1));
		assertThat(fixture.snapshot(org).counts()).as("A alike, by its own decision")
			.isEqualTo(new EndpointCounts(4, 1, 0, 3, 0, 1));
		assertThat(recount(b)).as("the counts kept by deltas are those of the rows")
			.isEqualTo(fixture.snapshot(b.campaignId(), org).counts());
	}

	@Test
	void anObservationWhileTheAdoptionHoldsTheOrganisationWaitsAndThenWins() throws Exception {
		observedBeforeBWasActive();
		fixture.active.add(b);
		CountDownLatch adopting = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<OrganisationAdoption.Adopted> adoption = CompletableFuture
			.supplyAsync(() -> fixture.inTransaction(() -> {
				OrganisationAdoption.Adopted adopted = fixture.adoption.adopt(b, org, fixture.projections.heldCampaigns());
				adopting.countDown();
				await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
				return adopted;
			}));
		assertThat(adopting.await(30, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<ProjectionResult> ingestion = CompletableFuture.supplyAsync(() -> fixture
			.apply(observed(org, "ep-2", id(), "2025-03-04T10:00:00Z", products(WINDOWS_10, DEFENDER_ACTIVE))));
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !ingestion.isDone());
		release.countDown();
		adoption.get(30, TimeUnit.SECONDS);
		assertThat(ingestion.get(30, TimeUnit.SECONDS).count(Outcome.ACCEPTED)).isEqualTo(1);

		assertThat(fixture.snapshot(b.campaignId(), org).counts()).as("ep-1 and ep-2 on Windows 10, ep-3 on 11")
			.isEqualTo(new EndpointCounts(3, 2, 1, 0, 0, 1));
		assertThat(fixture.snapshot(org).counts()).as("A: ep-2 now protected by Defender")
			.isEqualTo(new EndpointCounts(3, 0, 2, 1, 0, 1));
		assertThat(recount(b)).isEqualTo(fixture.snapshot(b.campaignId(), org).counts());
	}

	@Test
	void theProcessSeesNoBaselineInTheCampaignUntilItHasAdoptedTheOrganisation() {
		observedBeforeBWasActive();
		fixture.active.add(b);
		List<Signal> signalled = new java.util.concurrent.CopyOnWriteArrayList<>();
		Clock now = Clock.systemUTC();
		CampaignAdoption node = fixture.adoptionWorker(now, signalled);
		// the request, and a claim by a node that stops at once
		assertThat(fixture.projections.ensure(b, now.instant())).as("A holds endpoints: B must adopt them").isTrue();
		assertThat(fixture.projections.claim(b, "node-that-stops", now.instant(), Duration.ZERO, Duration.ofMinutes(15)))
			.isPresent();

		assertThat(node.round()).as("claimed by the other node").isFalse();
		assertThat(fixture.snapshot(b.campaignId(), org).baselineKnown()).as("not adopted yet").isFalse();
		assertThat(fixture.snapshot(org).baselineKnown()).as("A is not waiting for anything").isTrue();

		CampaignAdoption later = fixture.adoptionWorker(Clock.offset(now, Duration.ofMinutes(16)), signalled);
		await().atMost(Duration.ofSeconds(60)).until(() -> !later.round());
		assertThat(fixture.projections.find(b.campaignId())).hasValueSatisfying(p -> assertThat(p.done()).isTrue());
		assertThat(fixture.snapshot(b.campaignId(), org).baselineKnown()).isTrue();
		assertThat(fixture.snapshot(b.campaignId(), org).counts()).isEqualTo(new EndpointCounts(3, 1, 2, 0, 0, 1));
		assertThat(signalled).as("the process hears of it").contains(Signal.inventoryChanged(org));
		assertThat(fixture.inTransaction(() -> fixture.projections.adopted(b, "node-that-stops", org, 0, now.instant())))
			.as("the node that stopped has lost its claim").isFalse();
	}

	@Test
	void aCampaignWhoseDecisionChangedIsProjectedAgainWithTheNewOne() {
		observedBeforeBWasActive();
		fixture.active.add(b);
		adopt();
		ActiveCampaigns.Campaign bAsKaspersky = new ActiveCampaigns.Campaign(b.campaignId(),
				ActiveCampaigns.DEFAULT_DECISION);
		fixture.projections.ensure(b, Instant.now());

		assertThat(fixture.projections.ensure(bAsKaspersky, Instant.now())).isTrue();
		fixture.inTransaction(() -> fixture.adoption.adopt(bAsKaspersky, org, fixture.projections.heldCampaigns()));

		assertThat(fixture.snapshot(b.campaignId(), org).counts()).as("now as A counts")
			.isEqualTo(fixture.snapshot(org).counts());
	}

	@Test
	void anAlternativeSelectedForOneCampaignIsThatCampaignsAloneAndOneForNoneIsEverys() {
		fixture.active.add(b);
		fixture.apply(selected(null, "Microsoft", "Defender for Endpoint", "2025-03-01T10:00:00Z"),
				selected(b.campaignId(), "Microsoft", "Windows 11 Enterprise", "2025-03-02T10:00:00Z"));

		assertThat(fixture.inTransaction(() -> fixture.state.alternativeSelection(b.campaignId(), org)))
			.hasValueSatisfying(selection -> assertThat(selection.product()).isEqualTo("Windows 11 Enterprise"));
		assertThat(fixture.inTransaction(() -> fixture.state.alternativeSelection(A.campaignId(), org)))
			.as("Windows 11 is no alternative to Kaspersky")
			.hasValueSatisfying(selection -> assertThat(selection.product()).isEqualTo("Defender for Endpoint"));

		fixture.apply(selected(null, "ESET", "Endpoint Security", "2025-03-03T10:00:00Z"));
		assertThat(fixture.inTransaction(() -> fixture.state.alternativeSelection(b.campaignId(), org)))
			.as("a later selection for every campaign").hasValueSatisfying(selection -> assertThat(selection.product())
				.isEqualTo("Endpoint Security"));
	}

	private org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> selected(String campaignId, String vendor,
			String product, String selectedAt) {
		return TestRecords.structured(org, nl.phaseout.engine.inventory.event.InventoryEvent.ALTERNATIVE_SELECTED, id(),
				"""
						{"organisationId":"%s","vendor":"%s","product":"%s","selectedAt":"%s"%s}""".formatted(org, vendor,
						product, selectedAt, campaignId == null ? "" : ",\"campaignId\":\"" + campaignId + "\""));
	}

	private OrganisationAdoption.Adopted adopt() {
		return fixture.inTransaction(() -> fixture.adoption.adopt(b, org, fixture.projections.heldCampaigns()));
	}

	/** The campaign's counts made from scratch from its rows. */
	private EndpointCounts recount(ActiveCampaigns.Campaign campaign) {
		return fixture.endpoints.tally(campaign.campaignId(), org, null);
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

}
