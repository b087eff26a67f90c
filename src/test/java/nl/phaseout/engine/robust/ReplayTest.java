package nl.phaseout.engine.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import nl.phaseout.engine.EndToEndTest;
import nl.phaseout.engine.Integration;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Reading {@code phaseout.inventory} again from its first record, twice, changes nothing: the
 * projection's tables and the processes stay exactly as the first reading left them.
 */
class ReplayTest extends EndToEndTest {

	private static final String GROUP = "phaseout-engine";

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	HistoryService historyService;

	@Autowired
	MeterRegistry meters;

	@Test
	void replayingTheWholeTopicTwiceLeavesCountsAndProcessesAsTheyWere() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		String banned = "MIN-B" + suffix;
		String clean = "MIN-C" + suffix;
		String noScan = "MIN-N" + suffix;
		String municipality = "GEM-" + suffix;
		String unregistered = "UNREG-" + suffix;
		List<String> registered = List.of(banned, clean, noScan, municipality);
		Instant t0 = Instant.now().minusSeconds(3600);

		try (Integration intune = new Integration(bootstrapServers, "/test/replay");
				Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			// Before registration: kept, and counted once the organisations register.
			intune.observed(banned, "pc-1", t0, List.of(Integration.kasperskyAv("active")));
			intune.observed(banned, "pc-2", t0, List.of(Integration.defender("active")));
			intune.observed(unregistered, "pc-1", t0, List.of(Integration.kasperskyAv("passive")));
			register(banned, "CENTRAL_GOVERNMENT");
			register(clean, "CENTRAL_GOVERNMENT");
			register(noScan, "CENTRAL_GOVERNMENT");
			register(municipality, "MUNICIPALITY");
			// Out of order: the newer observation first, the older one after it changes nothing.
			intune.observed(clean, "pc-1", t0.plusSeconds(120), List.of(Integration.defender("active")));
			intune.observed(clean, "pc-1", t0, List.of(Integration.kasperskyAv("active")));
			intune.observed(noScan, "pc-1", t0.plusSeconds(60), List.of(Integration.defender("disabled")));
			intune.observed(noScan, "pc-1", t0, List.of(Integration.defender("active")));
			intune.observed(municipality, "pc-1", t0, List.of(Integration.kasperskyAv("active")));
			intune.retired(unregistered, "pc-1", t0.plusSeconds(30));
			intune.observed(unregistered, "pc-2", t0, List.of(Integration.defender("active")));
			// A repeat: the same (source, id) twice.
			byte[] repeated = """
					{"specversion":"1.0","id":"repeat-%s","source":"/test/replay","type":"phaseout.endpoint.observed",
					 "data":{"organisationId":"%s","endpointId":"pc-3","observedAt":"%s",
					 "products":[{"vendor":"Kaspersky","name":"Kaspersky Endpoint Security","category":"antivirus","state":"active"}]}}"""
				.formatted(suffix, banned, t0).getBytes();
			intune.send(banned, repeated);
			intune.send(banned, repeated);
			intune.scanCompleted(banned, "scan-1", t0.plusSeconds(300), 3);
			intune.scanCompleted(clean, "scan-1", t0.plusSeconds(300), 1);
			intune.scanCompleted(clean, "scan-1", t0.plusSeconds(300), 1);

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				// Besides its deadline timers (Timer_Deadline), each waits in one place.
				assertThat(activities(banned)).contains("Task_ReviewContracts").doesNotContain("Wait_InventoryBaseline");
				assertThat(activities(clean)).contains("Task_SignOffVerification")
					.doesNotContain("Wait_InventoryBaseline");
				assertThat(activities(noScan)).contains("Wait_InventoryBaseline");
				assertThat(activities(municipality)).isEmpty();
				assertThat(ConsumerLag.of(admin, GROUP, Topics.INVENTORY)).isZero();
			});
			assertThat(count(banned)).containsExactly(3L, 2L, 1L, 0L, 0L);
			assertThat(count(clean)).containsExactly(1L, 0L, 1L, 0L, 0L);
			assertThat(count(noScan)).containsExactly(1L, 0L, 0L, 1L, 0L);
			assertThat(count(unregistered)).containsExactly(1L, 0L, 1L, 0L, 1L);

			Snapshot first = settled(registered);
			for (int replay = 1; replay <= 2; replay++) {
				long records = readFromTheBeginning(admin);
				assertThat(settled(registered)).as("after replay %d of %d records", replay, records).isEqualTo(first);
			}
		}
	}

	/**
	 * Stops the group's listeners (the inventory topics' and osquery's, one consumer group), moves the
	 * group back to the first offsets, starts them, waits for the end.
	 */
	private long readFromTheBeginning(Admin admin) throws Exception {
		List<MessageListenerContainer> containers = List.of(listeners.getListenerContainer("inventory"),
				listeners.getListenerContainer("inventory-osquery"));
		try {
			return replay(admin, containers);
		}
		finally {
			// The context is shared with other end-to-end tests: never leave it without its listeners.
			containers.stream().filter(container -> !container.isRunning()).forEach(MessageListenerContainer::start);
		}
	}

	private long replay(Admin admin, List<MessageListenerContainer> containers) throws Exception {
		containers.forEach(MessageListenerContainer::stop);
		await().atMost(Duration.ofSeconds(30)).until(() -> containers.stream().noneMatch(MessageListenerContainer::isRunning));
		Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		int partitions = admin.describeTopics(List.of(Topics.INVENTORY))
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.get(Topics.INVENTORY)
			.partitions()
			.size();
		for (int p = 0; p < partitions; p++) {
			earliest.put(new TopicPartition(Topics.INVENTORY, p), OffsetSpec.earliest());
			latest.put(new TopicPartition(Topics.INVENTORY, p), OffsetSpec.latest());
		}
		Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
		admin.listOffsets(earliest)
			.all()
			.get(10, TimeUnit.SECONDS)
			.forEach((partition, info) -> reset.put(partition, new OffsetAndMetadata(info.offset())));
		long records = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
			.mapToLong(end -> end.getValue().offset() - reset.get(end.getKey()).offset())
			.sum();
		// The group is empty once the stopped consumer has left it; until then the broker refuses.
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> admin.alterConsumerGroupOffsets(GROUP, reset).all().get(10, TimeUnit.SECONDS) == null);
		assertThat(ConsumerLag.of(admin, GROUP, Topics.INVENTORY)).isEqualTo(records);

		double handled = handled();
		double accepted = meters.counter("phaseout.inventory.events", "outcome", "accepted").count();
		containers.forEach(MessageListenerContainer::start);
		await().atMost(Duration.ofSeconds(60)).until(() -> ConsumerLag.of(admin, GROUP, Topics.INVENTORY) == 0);
		assertThat(handled() - handled).as("records read again").isGreaterThanOrEqualTo(records);
		assertThat(meters.counter("phaseout.inventory.events", "outcome", "accepted").count())
			.as("records accepted again").isEqualTo(accepted);
		return records;
	}

	private double handled() {
		return meters.find("phaseout.inventory.events").counters().stream().mapToDouble(c -> c.count()).sum();
	}

	/** The projection's tables and the registered organisations' processes, once they stop changing. */
	private Snapshot settled(List<String> organisations) {
		Snapshot[] last = { snapshot(organisations) };
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).until(() -> {
			Snapshot now = snapshot(organisations);
			boolean same = now.equals(last[0]);
			last[0] = now;
			return same;
		});
		return last[0];
	}

	private Snapshot snapshot(List<String> organisations) {
		Map<String, Object> processes = new TreeMap<>();
		for (String organisation : organisations) {
			processes.put(organisation, Map.of("instances",
					historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(organisation).count(),
					"active", activities(organisation), "history",
					historyService.createHistoricActivityInstanceQuery()
						.processInstanceId(historyService.createHistoricProcessInstanceQuery()
							.processInstanceBusinessKey(organisation)
							.singleResult()
							.getId())
						.count()));
		}
		return new Snapshot(
				jdbc.queryForList("SELECT * FROM inv_endpoint_counts ORDER BY campaign_id, organisation_id"),
				jdbc.queryForList("SELECT * FROM inv_endpoint ORDER BY campaign_id, organisation_id, endpoint_id"),
				jdbc.queryForList("SELECT * FROM inv_scan ORDER BY organisation_id, scan_id"), processes);
	}

	record Snapshot(List<Map<String, Object>> counts, List<Map<String, Object>> endpoints,
			List<Map<String, Object>> scans, Map<String, Object> processes) {
	}

	/** The activities the organisation's process instance waits in; empty once it ended. */
	private List<String> activities(String organisation) {
		ProcessInstance instance = runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(organisation)
			.singleResult();
		return instance == null ? List.of()
				: runtimeService.getActiveActivityIds(instance.getId()).stream().sorted().toList();
	}

	private List<Long> count(String organisation) {
		return jdbc.queryForList("SELECT total, banned, protected_count, unprotected, retired FROM inv_endpoint_counts"
				+ " WHERE campaign_id = 'kaspersky-av-2018' AND organisation_id = ?", organisation)
			.stream()
			.findFirst()
			.map(row -> row.values().stream().map(v -> ((Number) v).longValue()).toList())
			.orElse(List.of());
	}

	private void register(String organisation, String category) {
		var created = demo().postForEntity("/api/organisations",
				new LinkedHashMap<>(Map.of("id", organisation, "name", "Organisation " + organisation, "category",
						category)), String.class);
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
	}

}
