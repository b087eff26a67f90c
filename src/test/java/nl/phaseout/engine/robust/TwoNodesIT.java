package nl.phaseout.engine.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.tags.EndToEnd;
import nl.phaseout.engine.tags.NeedsPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.phaseout.engine.robust.EngineState.Standing;
import nl.phaseout.engine.robust.StagedCampaign.Decision;
import nl.phaseout.engine.robust.StagedCampaign.Stage;
import nl.phaseout.engine.system.Topics;

/**
 * Two engine nodes (child JVMs, profile {@code prod}) on one PostgreSQL database and one Kafka
 * broker in a JVM of its own, in one consumer group on a topic of six partitions, three
 * consumers each: a campaign of 200 organisations, its inventory and procurement streams and the
 * office's decisions ({@link StagedCampaign}), ends exactly as the model says one engine ends it:
 * counts, phases, open tasks, tasks ever created, running process instances and the closure
 * record, organisation by organisation; and no node logs an error or an optimistic-locking
 * failure that nobody handled ({@link NodeLogs}). Then again with one node killed by SIGKILL in
 * the middle of a stream: the other takes its partitions and its undelivered signals over, and
 * the end is the same. Each scenario has a database of its own (127.0.0.1:5432, user
 * {@code postgres}), dropped afterwards. Two campaigns are active at once, the default one and a
 * second with the same decision ({@link #CAMPAIGNS}): every observation is classified twice, every
 * organisation has a process in each, and each campaign ends exactly as the model says.
 */
@EndToEnd
@NeedsPostgres
class TwoNodesIT {

	static {
		Quiet.kafkaClients();
	}

	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

	private static final int ORGANISATIONS = 200;

	private static final int PARTITIONS = 6;

	private static final String OFFICE = "campaign-office";

	private static final String OFFICE_PASSWORD = "two nodes, one truth";

	private static final String GROUP = "phaseout-engine";

	/** The campaigns the nodes run: the default one, and a second that classifies as it does. */
	private static final List<String> CAMPAIGNS = List.of(StagedCampaign.CAMPAIGN, StagedCampaign.CAMPAIGN + "-copy");

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Kept when the test fails: the broker's and the nodes' logs are in it. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path dir;

	private final String database = "twonodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final JdbcTemplate postgres = new JdbcTemplate(new DriverManagerDataSource(POSTGRES + "test", "postgres", ""));

	private final List<ApplicationProcess> nodes = new ArrayList<>();

	/** Children do not outlive a test JVM that is stopped. */
	private final Thread cleanUp = new Thread(this::stopEverything, "two-nodes-clean-up");

	private JdbcTemplate db;

	private BrokerProcess broker;

	private long started;

	@BeforeEach
	void startTwoNodes() throws Exception {
		started = System.nanoTime();
		Runtime.getRuntime().addShutdownHook(cleanUp);
		postgres.execute("CREATE DATABASE " + database);
		db = new JdbcTemplate(new DriverManagerDataSource(POSTGRES + database, "postgres", ""));
		broker = new BrokerProcess(dir, PARTITIONS);
		Timing.log(started, "broker ready on %s", broker.bootstrapServers());
		// one after the other, as in docker/compose.yaml: the first creates the schema on the empty database
		for (String name : List.of("node-1", "node-2")) {
			ApplicationProcess node = ApplicationProcess.node(Files.createDirectories(dir.resolve(name)), name, Map.of("SPRING_PROFILES_ACTIVE", "prod",
					"SPRING_DATASOURCE_URL", POSTGRES + database, "SPRING_DATASOURCE_USERNAME", "postgres",
					"SPRING_DATASOURCE_PASSWORD", "", "SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
					"PHASEOUT_ADMIN_USER", OFFICE, "PHASEOUT_ADMIN_PASSWORD", OFFICE_PASSWORD,
					"PHASEOUT_KAFKA_TOPICS_PARTITIONS", String.valueOf(PARTITIONS)),
					campaignArguments());
			nodes.add(node);
			node.start();
			Timing.log(started, "%s healthy", name);
		}
	}

	/** The listener's concurrency, and the two campaigns (a list set here replaces application.yaml's whole). */
	private static List<String> campaignArguments() {
		List<String> arguments = new ArrayList<>(List.of("--spring.kafka.listener.concurrency=" + PARTITIONS / 2));
		for (int i = 0; i < CAMPAIGNS.size(); i++) {
			String campaign = "--phaseout.campaigns[" + i + "].";
			arguments.addAll(List.of(campaign + "id=" + CAMPAIGNS.get(i), campaign + "name=Kaspersky " + i,
					campaign + "decision-date=2018-05-14", campaign + "vendors=kaspersky",
					campaign + "status-report-interval=P30D"));
		}
		return arguments;
	}

	@AfterEach
	void stopAndDropTheDatabase() {
		stopEverything();
		Runtime.getRuntime().removeShutdownHook(cleanUp);
		postgres.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
	}

	private void stopEverything() {
		nodes.forEach(ApplicationProcess::close);
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void twoNodesEndTheCampaignAsOneEngineWould() throws Exception {
		StagedCampaign campaign = new StagedCampaign(ORGANISATIONS, Instant.now(), OFFICE);
		register(campaign);
		for (Stage stage : Stage.values()) {
			if (stage.stream()) {
				publish(campaign.stream(stage));
			}
			else {
				decide(campaign.decisions(stage));
			}
			awaitSettled(stage, campaign.standings(stage));
		}
		assertEndsAsTheModelSays(campaign);
	}

	@Test
	void aNodeKilledMidStreamIsTakenOverAndTheEndIsTheSame() throws Exception {
		StagedCampaign campaign = new StagedCampaign(ORGANISATIONS, Instant.now(), OFFICE);
		register(campaign);
		ApplicationProcess victim = nodes.get(1);
		for (Stage stage : Stage.values()) {
			if (stage == Stage.ROLLOUT) {
				publishKillingMidway(campaign.stream(stage), victim);
			}
			else if (stage.stream()) {
				publish(campaign.stream(stage));
			}
			else {
				decide(campaign.decisions(stage));
			}
			awaitSettled(stage, campaign.standings(stage));
		}
		assertThat(victim.alive()).isFalse();
		assertEndsAsTheModelSays(campaign);
	}

	/**
	 * Publishes half the stream, kills the victim with SIGKILL as soon as it has projected some of
	 * it (its signals, and perhaps a poll batch, still in hand), then publishes the other half.
	 */
	private void publishKillingMidway(List<ProducerRecord<String, byte[]>> stream, ApplicationProcess victim)
			throws Exception {
		double handledBefore = victim.metric("phaseout.inventory.events");
		publish(stream.subList(0, stream.size() / 2));
		await("the victim at work on the stream").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> victim.metric("phaseout.inventory.events") > handledBefore);
		victim.kill();
		Timing.log(started, "%s killed by SIGKILL; %d signals pending, lag %d", victim.name(), pendingSignals(),
				ConsumerLag.of(broker.bootstrapServers(), GROUP, Topics.INVENTORY));
		publish(stream.subList(stream.size() / 2, stream.size()));
	}

	private void assertEndsAsTheModelSays(StagedCampaign campaign) throws Exception {
		EngineState expected = campaign.expectedEnd();
		for (String campaignId : CAMPAIGNS) {
			assertThat(EngineState.read(db, campaignId).differencesFrom(expected))
				.as("how the end of %s differs from the model", campaignId)
				.isEmpty();
			assertThat(progressByPhase(campaignId)).as("the progress of %s by phase", campaignId)
				.isEqualTo(phaseCounts(expected.standings()));
		}

		List<Path> logs = nodes.stream().flatMap(node -> node.logs().stream()).toList();
		NodeLogs found = new NodeLogs(logs);
		Timing.log(started, "logs: %d ERROR lines or optimistic-locking failures, %d deliveries postponed;"
				+ " warnings per logger %s", found.unhandled().size(), found.postponed().size(), found.warnings());
		found.postponed().forEach(postponed -> System.out.println("  postponed: " + postponed));
		assertThat(found.unhandled()).as("errors and optimistic-locking failures nobody handled").isEmpty();
	}

	private void register(StagedCampaign campaign) throws Exception {
		inParallel(campaign.organisations(), (org, node) -> {
			Map<String, Object> registration = new LinkedHashMap<>();
			registration.put("id", org);
			registration.put("name", "Organisatie " + org);
			registration.put("category", campaign.category(org));
			registration.put("sources", List.of(StagedCampaign.INVENTORY, StagedCampaign.PROCUREMENT));
			HttpResponse<String> created = node.post("/api/organisations", JSON.writeValueAsString(registration));
			assertThat(created.statusCode()).as("registering %s on %s: %s", org, node.name(), created.body())
				.isEqualTo(201);
		});
		Timing.log(started, "%d organisations registered", campaign.organisations().size());
	}

	/**
	 * Each decision on the task it names, open exactly once in each campaign, completed over Camunda REST
	 * on the nodes in turn.
	 */
	private void decide(List<Decision> decisions) throws Exception {
		inParallel(decisions, (decision, node) -> {
			List<String> open = db.queryForList("SELECT t.id_ FROM act_ru_task t JOIN act_ru_execution e"
					+ " ON e.id_ = t.proc_inst_id_ WHERE e.business_key_ = ? AND t.task_def_key_ = ?", String.class,
					decision.organisationId(), decision.taskDefinitionKey());
			assertThat(open).as("open %s of %s", decision.taskDefinitionKey(), decision.organisationId())
				.hasSize(CAMPAIGNS.size());
			Map<String, Object> variables = new LinkedHashMap<>();
			decision.variables().forEach((name, value) -> variables.put(name, Map.of("value", value)));
			for (String taskId : open) {
				HttpResponse<String> completed = node.post("/engine-rest/task/" + taskId + "/complete",
						JSON.writeValueAsString(Map.of("variables", variables)));
				assertThat(completed.statusCode()).as("completing %s of %s on %s: %s", decision.taskDefinitionKey(),
						decision.organisationId(), node.name(), completed.body())
					.isEqualTo(204);
			}
		});
		Timing.log(started, "%d decisions made", decisions.size());
	}

	/** Calls for every item, four at a time, on the live nodes in turn. */
	private <T> void inParallel(List<T> items, Call<T> call) throws Exception {
		List<ApplicationProcess> live = nodes.stream().filter(ApplicationProcess::alive).toList();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < items.size(); i++) {
				T item = items.get(i);
				ApplicationProcess node = live.get(i % live.size());
				calls.add(pool.submit(() -> {
					call.on(item, node);
					return null;
				}));
			}
			for (Future<?> done : calls) {
				done.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface Call<T> {

		void on(T item, ApplicationProcess node) throws Exception;

	}

	private void publish(List<ProducerRecord<String, byte[]>> records) {
		CrashRecoveryTest.publish(broker.bootstrapServers(), records);
		Timing.log(started, "%d events published", records.size());
	}

	/**
	 * Every event read and committed by the group, every signal delivered, and every organisation
	 * where the model puts it after this stage.
	 */
	private void awaitSettled(Stage stage, Map<String, Standing> expected) {
		await(stage + " settled").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(ConsumerLag.of(broker.bootstrapServers(), GROUP, Topics.INVENTORY)).as("consumer lag").isZero();
			assertThat(pendingSignals()).as("signals not delivered yet").isZero();
			for (String campaignId : CAMPAIGNS) {
				assertThat(EngineState.differences("standing", expected, EngineState.standings(db, campaignId)))
					.as("organisations not where the model puts them in " + campaignId + " after " + stage)
					.isEmpty();
			}
		});
		Timing.log(started, "%s settled", stage);
	}

	private long pendingSignals() {
		Long pending = db.queryForObject("SELECT COUNT(*) FROM process_signal", Long.class);
		return pending == null ? 0 : pending;
	}

	private Map<String, Long> progressByPhase(String campaignId) throws Exception {
		ApplicationProcess node = nodes.stream().filter(ApplicationProcess::alive).findFirst().orElseThrow();
		JsonNode progress = node.get("/api/campaigns/" + campaignId + "/progress").orElseThrow();
		Map<String, Long> byPhase = new TreeMap<>();
		progress.path("byPhase").fields().forEachRemaining(phase -> {
			if (phase.getValue().asLong() > 0) {
				byPhase.put(phase.getKey(), phase.getValue().asLong());
			}
		});
		return byPhase;
	}

	private static Map<String, Long> phaseCounts(Map<String, Standing> standings) {
		Map<String, Long> counts = new TreeMap<>();
		standings.values().stream().map(Standing::phase).forEach(phase -> counts.merge(phase, 1L, Long::sum));
		return counts;
	}

}
