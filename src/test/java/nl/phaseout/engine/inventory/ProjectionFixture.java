package nl.phaseout.engine.inventory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.sql.DataSource;

import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.inventory.event.InventoryEventParser;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/** The projection wired by hand over a data source with the inventory migrations applied. */
final class ProjectionFixture {

	final JdbcTemplate jdbc;

	final AtomicInteger evaluations = new AtomicInteger();

	final InventoryProjection projection;

	final CountsRepository counts;

	final OrganisationFacts organisationFacts;

	final EndpointRepository endpoints;

	final ProductClassifier classifier;

	final org.springframework.beans.factory.ObjectProvider<ActiveCampaigns> campaigns;

	final JdbcInventoryState state;

	final EndpointExemptions exemptions;

	/** What the exempted flag told the process, in order. */
	final List<Signal> exemptionSignals = new java.util.ArrayList<>();

	final TransactionTemplate transaction;

	final StaleCounts staleCounts;

	final RollingVerification rolling;

	final EndpointListing listing;

	final CampaignProjections projections;

	final OrganisationAdoption adoption;

	/** The organisations that verify rolling, as the registration would tell. */
	final java.util.Set<String> rollingOrganisations = java.util.concurrent.ConcurrentHashMap.newKeySet();

	final DataSourceTransactionManager transactionManager;

	/** The active campaigns (the default one unless a test changes them; a test bean "activeCampaigns" replaces them). */
	final List<ActiveCampaigns.Campaign> active = new java.util.concurrent.CopyOnWriteArrayList<>(
			List.of(new ActiveCampaigns.Campaign(ActiveCampaigns.DEFAULT_CAMPAIGN, ActiveCampaigns.DEFAULT_DECISION)));

	final StaticListableBeanFactory beans = new StaticListableBeanFactory();

	private final InventoryEventParser parser = new InventoryEventParser();

	ProjectionFixture(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		new ResourceDatabasePopulator(new ClassPathResource("db/migration/V2__inventory.sql"),
				new ClassPathResource("db/migration/V3__processed_event_by_id.sql"),
				new ClassPathResource("db/migration/V4__endpoint_repeats_and_process_signals.sql"),
				new ClassPathResource("db/migration/V5__inventory_time.sql"),
				new ClassPathResource("db/migration/V10.1__inventory_parked_events.sql"),
				new ClassPathResource("db/migration/V11__endpoint_products.sql"),
				new ClassPathResource("db/migration/V13__process_signal.sql"),
				new ClassPathResource("db/migration/V15__process_signal_claims.sql"),
				new ClassPathResource("db/migration/V18__inventory_views.sql"),
				new ClassPathResource("db/migration/V19.3__inventory_parked_organisations.sql"),
				new ClassPathResource("db/migration/V20.1__inventory_freshness.sql"),
				new ClassPathResource("db/migration/V20.2__inventory_counts_stale.sql"),
				new ClassPathResource("db/migration/V22.5__inventory_campaign_projection_and_alternative_per_campaign.sql"),
				new ClassPathResource("db/migration/V22.7__inventory_exempted.sql"))
			.execute(dataSource);
		// the default campaign has been projected all along, as migration V22.6 records it
		jdbc.update("INSERT INTO inv_campaign_projection (campaign_id, decision_key, requested_at, done_at)"
				+ " VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", ActiveCampaigns.DEFAULT_CAMPAIGN,
				ActiveCampaigns.DEFAULT_DECISION);
		this.counts = new CountsRepository(jdbc);
		this.organisationFacts = new OrganisationFacts(jdbc);
		this.endpoints = new EndpointRepository(jdbc);
		this.classifier = new ProductClassifier(ClassificationEngine.counting(evaluations));
		this.campaigns = beans.getBeanProvider(ActiveCampaigns.class);
		beans.addBean("activeCampaigns", (ActiveCampaigns) () -> List.copyOf(active));
		beans.addBean("registeredOrganisations", new RegisteredOrganisations() {
			@Override
			public java.util.Map<String, java.util.List<String>> allowedSources(
					java.util.Collection<String> organisationIds) {
				return java.util.Map.of();
			}

			@Override
			public java.util.Set<String> verifyingRolling(java.util.Collection<String> organisationIds) {
				return organisationIds.stream().filter(rollingOrganisations::contains)
					.collect(java.util.stream.Collectors.toSet());
			}
		});
		this.staleCounts = new StaleCounts(endpoints, organisationFacts);
		this.rolling = new RollingVerification(beans.getBeanProvider(RegisteredOrganisations.class), endpoints,
				organisationFacts);
		this.projection = new InventoryProjection(counts, endpoints, organisationFacts, classifier, campaigns,
				staleCounts, rolling);
		this.listing = new EndpointListing(jdbc, counts);
		this.projections = new CampaignProjections(jdbc);
		this.state = new JdbcInventoryState(counts, organisationFacts, listing, rolling, projections,
				jdbc.getDataSource());
		this.adoption = new OrganisationAdoption(counts, endpoints, classifier, staleCounts, rolling);
		this.exemptions = new EndpointExemptions(counts, endpoints, signals -> {
			exemptionSignals.addAll(signals);
			return signals.size();
		});
		this.transactionManager = new DataSourceTransactionManager(dataSource);
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** The exempted flag, set or cleared in a transaction of its own; returns how many endpoints changed. */
	int exempt(String organisationId, boolean exempted, String... endpointIds) {
		return inTransaction(() -> exemptions.exempt(ActiveCampaigns.DEFAULT_CAMPAIGN, organisationId,
				List.of(endpointIds), exempted));
	}

	@SafeVarargs
	final ProjectionResult apply(ConsumerRecord<String, byte[]>... records) {
		return apply(List.of(records));
	}

	ProjectionResult apply(List<ConsumerRecord<String, byte[]>> records) {
		List<InventoryEvent> events = records.stream().map(parser::parse).toList();
		return inTransaction(() -> projection.apply(events));
	}

	InventoryEvent parse(ConsumerRecord<String, byte[]> record) {
		return parser.parse(record);
	}

	InventorySnapshot snapshot(String organisationId) {
		return snapshot(ActiveCampaigns.DEFAULT_CAMPAIGN, organisationId);
	}

	/** As the process sees the organisation in the campaign, under its lock. */
	InventorySnapshot snapshot(String campaignId, String organisationId) {
		return inTransaction(() -> state.snapshot(campaignId, organisationId));
	}

	/** A node's adoption worker over this database, its signals recorded in {@code signalled}. */
	CampaignAdoption adoptionWorker(java.time.Clock clock, java.util.Collection<Signal> signalled) {
		CampaignAdoption worker = new CampaignAdoption(projections, adoption, signals -> {
			signalled.addAll(signals);
			return signals.size();
		}, transactionManager, campaigns, clock);
		worker.grace(java.time.Duration.ZERO);
		return worker;
	}

	<T> T inTransaction(Supplier<T> work) {
		return transaction.execute(status -> work.get());
	}

}
