package nl.phaseout.engine.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.EndToEndTest;
import nl.phaseout.engine.benchmark.HeapSampler;
import nl.phaseout.engine.system.Topics;

/**
 * The endpoints behind the counts, and manual inventory for an organisation without a feed, over
 * HTTP only: the upload travels through the real broker and the inventory consumer like any feed.
 */
@Tag("e2e")
class OrganisationInventoryApiTest extends EndToEndTest {

	/** Long enough for the password policy (12 characters), and not containing the user's id. */
	private static final String PM_PASSWORD = "inventory-uploader-passphrase";


	private static final Logger log = LoggerFactory.getLogger(OrganisationInventoryApiTest.class);

	private static final String HEADER = "endpointId,vendor,name,version,category,state\n";

	private static final String KASPERSKY = "Kaspersky,Kaspersky Endpoint Security,11.11,antivirus,";

	private static final String DEFENDER = "Microsoft,Microsoft Defender Antivirus,4.18,antivirus,";

	@Autowired
	IdentityService identityService;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	TaskService taskService;

	@Autowired
	HistoryService historyService;

	@Autowired
	ObjectMapper json;

	@Test
	void aManualUploadMovesTheOrganisationFromItsBaselineWaitToContractReview() throws Exception {
		String org = register("MAN");
		awaitPhase(org, "INVENTORY");
		String pmUser = projectManagerOf(org);
		TestRestTemplate pm = http.withBasicAuth(pmUser, PM_PASSWORD);

		ResponseEntity<String> accepted = upload(pm, org, HEADER + "pc-1," + KASPERSKY + "active\n"
				+ "pc-1,Kaspersky,Kaspersky VPN,5.0,vpn,active\n" + "pc-2," + DEFENDER + "active\n");

		assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		JsonNode summary = json.readTree(accepted.getBody());
		assertThat(summary.path("rows").asInt()).isEqualTo(3);
		assertThat(summary.path("endpoints").asInt()).isEqualTo(2);
		assertThat(summary.path("source").asText()).isEqualTo("urn:phaseout:manual:" + pmUser);
		awaitPhase(org, "CONTRACT_REVIEW");
		assertThat(taskService.createTaskQuery().processInstanceBusinessKey(org).singleResult().getTaskDefinitionKey())
			.isEqualTo("Task_ReviewContracts");
		assertThat(historyService.createHistoricActivityInstanceQuery()
			.activityId("Wait_InventoryBaseline")
			.processInstanceId(taskService.createTaskQuery().processInstanceBusinessKey(org).singleResult()
				.getProcessInstanceId())
			.finished()
			.count()).isEqualTo(1);
		JsonNode view = organisation(org);
		assertThat(view.at("/campaigns/0/lastScan/scanId").asText()).isEqualTo(summary.path("scanId").asText());
		assertThat(view.at("/campaigns/0/endpoints/banned").asLong()).isEqualTo(1);
		JsonNode listed = endpoints(pm, org, "").path("endpoints");
		assertThat(listed.get(0).path("source").asText()).isEqualTo("urn:phaseout:manual:" + pmUser);
		assertThat(listed.get(0).path("products")).hasSize(2);
	}

	/**
	 * As a Dutch spreadsheet saves CSV (UTF-8): a byte order mark, semicolons, CRLF. Its scan says
	 * when the upload began, so endpoints known but not listed are not covered by it.
	 */
	@Test
	void aDutchSpreadsheetIsAcceptedAndItsScanSaysWhenTheUploadBegan() throws Exception {
		String org = register("NLD");
		String csv = "\uFEFFendpointId;vendor;name;version;category;state\r\n"
				+ "pc-1;Kaspersky;Kaspersky Endpoint Security;11,11;antivirus;active\r\n"
				+ "pc-2;Microsoft;Microsoft Defender Antivirus;4,18;antivirus;active\r\n";

		ResponseEntity<String> accepted = upload(demo(), org, csv);

		String scanId = scanOf(accepted);
		JsonNode summary = json.readTree(accepted.getBody());
		assertThat(summary.path("rows").asInt()).isEqualTo(2);
		awaitLastScan(org, scanId);
		JsonNode counts = organisation(org).at("/campaigns/0/endpoints");
		assertThat(counts.path("total").asLong()).isEqualTo(2);
		assertThat(counts.path("banned").asLong()).isEqualTo(1);
		awaitPhase(org, "CONTRACT_REVIEW");
		JsonNode scan = publishedScan(scanId);
		Instant startedAt = Instant.parse(scan.at("/data/startedAt").asText());
		assertThat(startedAt).isBefore(Instant.parse(summary.path("observedAt").asText()))
			.isAfter(Instant.parse(summary.path("observedAt").asText()).minusSeconds(1));
		assertThat(Instant.parse(scan.at("/data/completedAt").asText())).isAfter(startedAt);
	}

	@Test
	void anUploadWithOneBadRowPublishesNothing() throws Exception {
		String org = register("BAD");
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= 1000; i++) {
			csv.append("pc-").append(i).append(',').append(DEFENDER).append(i == 700 ? "switched-off" : "active")
				.append('\n');
		}

		ResponseEntity<String> refused = upload(demo(), org, csv.toString());

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		JsonNode problem = json.readTree(refused.getBody());
		assertThat(problem.path("detail").asText()).isEqualTo("1 problem, nothing was published:"
				+ " line 701: state 'switched-off' is not one of active, passive, disabled");
		assertThat(problem.path("errors").get(0).asText()).startsWith("line 701:");

		// A later upload travels the same partition: once its scan is projected, anything published
		// before it would have been too.
		String marker = scanOf(upload(demo(), org, HEADER + "marker," + DEFENDER + "active\n"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> marker.equals(organisation(org).at("/campaigns/0/lastScan/scanId").asText()));
		JsonNode listed = endpoints(demo(), org, "");
		assertThat(listed.path("total").asLong()).isEqualTo(1);
		assertThat(listed.at("/endpoints/0/endpointId").asText()).isEqualTo("marker");
		assertThat(organisation(org).at("/campaigns/0/endpoints/total").asLong()).isEqualTo(1);
	}

	@Test
	void toAProjectManagerOfAnotherOrganisationItDoesNotExist() {
		String own = register("OWN");
		String other = register("OTH");
		TestRestTemplate pm = http.withBasicAuth(projectManagerOf(own), PM_PASSWORD);
		String unknown = "NOPE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

		ResponseEntity<String> list = pm.getForEntity("/api/organisations/" + other + "/endpoints", String.class);
		ResponseEntity<String> post = upload(pm, other, HEADER + "pc-1," + DEFENDER + "active\n");
		ResponseEntity<String> unknownList = pm.getForEntity("/api/organisations/" + unknown + "/endpoints",
				String.class);
		ResponseEntity<String> unknownPost = upload(pm, unknown, HEADER + "pc-1," + DEFENDER + "active\n");

		assertThat(List.of(list.getStatusCode(), post.getStatusCode(), unknownList.getStatusCode(),
				unknownPost.getStatusCode())).containsOnly(HttpStatus.NOT_FOUND);
		assertThat(list.getBody()).contains("No organisation is registered with id '" + other + "'")
			.isEqualTo(unknownList.getBody().replace(unknown, other));
		assertThat(post.getBody()).isEqualTo(unknownPost.getBody().replace(unknown, other));
		assertThat(pm.getForEntity("/api/organisations/" + own + "/endpoints", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void theEndpointsListAgreesWithTheCountsForEveryStatus() throws Exception {
		String org = register("LST");
		String list = HEADER + "pc-banned," + KASPERSKY + "active\n" + "pc-banned-passive," + KASPERSKY + "passive\n"
				+ "pc-banned-passive," + DEFENDER + "active\n" + "pc-protected," + DEFENDER + "active\n"
				+ "pc-protected-eset,ESET,Endpoint Security,,antivirus,active\n" + "pc-unprotected," + DEFENDER
				+ "passive\n" + "pc-nothing,,,,,\n";
		JsonNode first = json.readTree(upload(demo(), org, list + "pc-gone," + DEFENDER + "active\n").getBody());
		awaitLastScan(org, first.path("scanId").asText());
		// The next list no longer has pc-gone: it is retired at the time of that upload.
		JsonNode second = json.readTree(upload(demo(), org, list).getBody());
		assertThat(second.path("retired").asInt()).isEqualTo(1);
		awaitLastScan(org, second.path("scanId").asText());

		JsonNode counts = organisation(org).at("/campaigns/0/endpoints");
		assertThat(counts.path("total").asLong()).isEqualTo(6);
		for (String status : List.of("banned", "protected", "unprotected", "retired")) {
			JsonNode page = endpoints(demo(), org, "?status=" + status + "&size=500");
			assertThat(page.path("total").asLong()).as(status).isEqualTo(counts.path(status).asLong()).isPositive();
			assertThat(page.path("endpoints")).as(status).hasSize(counts.path(status).asInt());
			page.path("endpoints").forEach(endpoint -> assertThat(endpoint.path("status").asText()).isEqualTo(status));
		}
		JsonNode all = endpoints(demo(), org, "");
		assertThat(all.path("total").asLong())
			.isEqualTo(counts.path("total").asLong() + counts.path("retired").asLong());
		assertThat(all.path("size").asInt()).isEqualTo(50);
		assertThat(ids(all)).containsExactly("pc-banned", "pc-banned-passive", "pc-gone", "pc-nothing",
				"pc-protected", "pc-protected-eset", "pc-unprotected");

		List<String> paged = new ArrayList<>();
		for (int page = 0; page < 4; page++) {
			JsonNode slice = endpoints(demo(), org, "?size=2&page=" + page);
			assertThat(slice.path("page").asInt()).isEqualTo(page);
			assertThat(slice.path("total").asLong()).isEqualTo(7);
			paged.addAll(ids(slice));
		}
		assertThat(paged).isEqualTo(ids(all));

		JsonNode bannedPassive = all.path("endpoints").get(1);
		assertThat(bannedPassive.path("status").asText()).isEqualTo("banned");
		assertThat(bannedPassive.path("observedAt").asText()).isEqualTo(second.path("observedAt").asText());
		assertThat(bannedPassive.path("source").asText()).isEqualTo("urn:phaseout:manual:demo");
		assertThat(bannedPassive.path("products")).hasSize(2);
		assertThat(bannedPassive.at("/products/0/vendor").asText()).isEqualTo("Kaspersky");
		assertThat(bannedPassive.at("/products/0/version").asText()).isEqualTo("11.11");
		assertThat(bannedPassive.at("/products/0/state").asText()).isEqualTo("passive");
		assertThat(bannedPassive.at("/products/1/name").asText()).isEqualTo("Microsoft Defender Antivirus");
		JsonNode gone = all.path("endpoints").get(2);
		assertThat(gone.path("status").asText()).isEqualTo("retired");
		assertThat(gone.path("observedAt").asText()).isEqualTo(first.path("observedAt").asText());
		assertThat(gone.path("retiredAt").asText()).isEqualTo(second.path("observedAt").asText());
		assertThat(all.path("endpoints").get(3).path("products")).isEmpty();
	}

	@Test
	void aBadPageOrStatusIsABadRequestThatSaysWhatIsAllowed() {
		String org = register("PAG");

		assertThat(demo().getForEntity("/api/organisations/" + org + "/endpoints?size=501", String.class).getBody())
			.contains("size must be a whole number from 1 to 500, was '501'");
		assertThat(demo().getForEntity("/api/organisations/" + org + "/endpoints?page=-1", String.class).getBody())
			.contains("page must be a whole number of 0 or more");
		ResponseEntity<String> status = demo().getForEntity("/api/organisations/" + org + "/endpoints?status=gone",
				String.class);
		assertThat(status.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(status.getBody()).contains("status 'gone' is not one of banned, unprotected, protected, stale, retired");
		assertThat(demo().getForEntity("/api/organisations/" + org + "/endpoints?campaignId=nope", String.class)
			.getBody()).contains("there is no campaign 'nope'; active campaigns: kaspersky-av-2018");
		assertThat(demo().getForEntity("/api/organisations/" + org + "/endpoints?size=500", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/**
	 * Fifty thousand rows, one endpoint each (the most events an upload of that size makes), from
	 * the request to the scan being projected; the log line gives the figures in docs/performance.md.
	 */
	@Test
	void fiftyThousandRowsAreProjected() throws Exception {
		String org = register("BIG");
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < 50_000; i++) {
			csv.append(String.format("ws-%05d,", i))
				.append(i % 10 < 4 ? KASPERSKY + "active" : DEFENDER + (i % 20 == 19 ? "passive" : "active"))
				.append('\n');
		}
		byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
		csv.setLength(0);
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		memory.gc();
		long baseline = memory.getHeapMemoryUsage().getUsed();
		try (HeapSampler heap = new HeapSampler()) {
			long started = System.nanoTime();
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.parseMediaType("text/csv"));
			ResponseEntity<String> accepted = demo().postForEntity("/api/organisations/" + org + "/inventory",
					new HttpEntity<>(body, headers), String.class);
			long answered = System.nanoTime();
			String scanId = scanOf(accepted);
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> scanId.equals(organisation(org).at("/campaigns/0/lastScan/scanId").asText()));
			long projected = System.nanoTime();
			log.info("Manual inventory of 50,000 rows ({} KiB of CSV): 202 after {} ms, scan projected after {} ms;"
					+ " heap in use before {} MiB, at most {} MiB (sampled every 50 ms, garbage included),"
					+ " at most {} MiB right after a collection", body.length / 1024,
					TimeUnit.NANOSECONDS.toMillis(answered - started), TimeUnit.NANOSECONDS.toMillis(projected - started),
					baseline >> 20, heap.peakUsed() >> 20, heap.peakAfterGc() >> 20);
		}
		JsonNode counts = organisation(org).at("/campaigns/0/endpoints");
		assertThat(counts.path("total").asLong()).isEqualTo(50_000);
		assertThat(counts.path("banned").asLong()).isEqualTo(20_000);
		assertThat(counts.path("unprotected").asLong()).isEqualTo(2_500);
		assertThat(endpoints(demo(), org, "?status=unprotected&size=500&page=4").path("endpoints")).hasSize(500);
	}

	@Test
	void aProjectManagerRetiresAnEndpointThatIsGoneAndTheRecordSaysWhoAndWhy() throws Exception {
		String org = register("RET");
		String pmUser = projectManagerOf(org);
		TestRestTemplate pm = http.withBasicAuth(pmUser, PM_PASSWORD);
		awaitLastScan(org, scanOf(upload(pm, org, HEADER + "pc-1," + DEFENDER + "active\n" + "pc-2," + DEFENDER
				+ "active\n")));

		ResponseEntity<String> noReason = retire(pm, org, "pc-1", "{}");
		ResponseEntity<String> blank = retire(pm, org, "pc-1", "{\"reason\": \"  \"}");
		ResponseEntity<String> tooLong = retire(pm, org, "pc-1", "{\"reason\": \"" + "x".repeat(4001) + "\"}");
		ResponseEntity<String> unknown = retire(pm, org, "pc-404", "{\"reason\": \"Scrapped\"}");

		assertThat(List.of(noReason.getStatusCode(), blank.getStatusCode(), tooLong.getStatusCode(),
				unknown.getStatusCode()))
			.containsExactly(HttpStatus.BAD_REQUEST, HttpStatus.BAD_REQUEST, HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND);
		assertThat(json.readTree(noReason.getBody()).path("detail").asText()).contains("reason is required");
		assertThat(json.readTree(tooLong.getBody()).path("detail").asText()).contains("4001 characters")
			.contains("at most 4000");
		assertThat(json.readTree(unknown.getBody()).path("detail").asText()).contains("no endpoint 'pc-404'");

		ResponseEntity<String> accepted = retire(pm, org, "pc-1", "{\"reason\": \"Scrapped after water damage\"}");

		assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		JsonNode answer = json.readTree(accepted.getBody());
		assertThat(answer.path("eventId").asText()).startsWith("retire-");
		assertThat(answer.path("source").asText()).isEqualTo("urn:phaseout:manual:" + pmUser);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(organisation(org).at("/campaigns/0/endpoints/retired").asLong()).isEqualTo(1));
		assertThat(organisation(org).at("/campaigns/0/endpoints/total").asLong()).isEqualTo(1);
		assertThat(ids(endpoints(pm, org, "?status=retired"))).containsExactly("pc-1");
		JsonNode record = json.readTree(pm.getForObject("/api/organisations/" + org + "/record", String.class));
		JsonNode retirement = record.findValue("retirements").get(0);
		assertThat(retirement.path("actor").asText()).isEqualTo(pmUser);
		assertThat(retirement.at("/data/endpointId").asText()).isEqualTo("pc-1");
		assertThat(retirement.at("/data/reason").asText()).isEqualTo("Scrapped after water damage");
		assertThat(retirement.at("/data/eventId").asText()).isEqualTo(answer.path("eventId").asText());
		assertThat(retire(pm, org, "pc-1", "{\"reason\": \"Again\"}").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(retire(http.withBasicAuth(projectManagerOf(register("OTH")), PM_PASSWORD), org, "pc-2",
				"{\"reason\": \"Not mine\"}").getStatusCode())
			.as("another organisation's project manager")
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	private ResponseEntity<String> retire(TestRestTemplate user, String org, String endpointId, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return user.postForEntity("/api/organisations/" + org + "/endpoints/" + endpointId + "/retire",
				new HttpEntity<>(body, headers), String.class);
	}

	private ResponseEntity<String> upload(TestRestTemplate user, String org, String csv) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv;charset=UTF-8"));
		return user.postForEntity("/api/organisations/" + org + "/inventory", new HttpEntity<>(csv, headers),
				String.class);
	}

	/** The scan-completed event the upload published on the manual uploads' topic. */
	private JsonNode publishedScan(String scanId) throws Exception {
		List<JsonNode> found = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
				"group.id", "scan-" + scanId, "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.INVENTORY_MANUAL));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode event = json.readTree(record.value());
					if (scanId.equals(event.path("id").asText())
							&& "phaseout.inventory.scan-completed".equals(event.path("type").asText())) {
						found.add(event);
					}
				}
				assertThat(found).isNotEmpty();
			});
		}
		return found.get(0);
	}

	private String scanOf(ResponseEntity<String> accepted) throws Exception {
		assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		return json.readTree(accepted.getBody()).path("scanId").asText();
	}

	private JsonNode endpoints(TestRestTemplate user, String org, String query) throws Exception {
		ResponseEntity<String> response = user.getForEntity("/api/organisations/" + org + "/endpoints" + query,
				String.class);
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
		return json.readTree(response.getBody());
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("endpoints").forEach(endpoint -> ids.add(endpoint.path("endpointId").asText()));
		return ids;
	}

	private JsonNode organisation(String org) throws Exception {
		return json.readTree(demo().getForObject("/api/organisations/" + org, String.class));
	}

	private void awaitPhase(String org, String phase) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(organisation(org).at("/campaigns/0/phase").asText()).isEqualTo(phase));
	}

	private void awaitLastScan(String org, String scanId) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> scanId.equals(organisation(org).at("/campaigns/0/lastScan/scanId").asText()));
	}

	private String register(String prefix) {
		String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> created = demo().postForEntity("/api/organisations",
				new HttpEntity<>(Map.of("id", id, "name", "Organisation " + id, "category", "CENTRAL_GOVERNMENT"),
						headers),
				String.class);
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		return id;
	}

	private String projectManagerOf(String org) {
		String userId = "pm" + UUID.randomUUID().toString().substring(0, 8);
		User user = identityService.newUser(userId);
		user.setPassword(PM_PASSWORD);
		identityService.saveUser(user);
		identityService.createMembership(userId, "pm-" + org.toLowerCase());
		return userId;
	}

}
