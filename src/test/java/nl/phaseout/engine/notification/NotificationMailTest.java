package nl.phaseout.engine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifications in the whole application, with a real SMTP server (GreenMail) in this JVM: a
 * task's project managers, a near deadline, a missed milestone. The dev profile's demo campaign
 * has its deadlines minutes after registration (all within the default three days of
 * {@code remind-before}); the reminder check runs when the tests ask, and the deadline timers are
 * run instead of waited for. An application of its own beside {@link nl.phaseout.engine.EndToEndTest}'s in
 * the same JVM, closed after these tests: as in {@code DatabaseOutageTest}, its engine has a name of its
 * own (Camunda keeps engines in a static registry by name, which {@code /engine-rest} looks them up
 * in) and no webapps (which keep static runtime delegates), so the other application's stay its own.
 */
@Tag("e2e")
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.process-engine-name=notifications", "camunda.bpm.webapp.enabled=false", "phaseout.kafka.embedded.port=0",
				"spring.mail.host=127.0.0.1",
				"phaseout.notifications.delay=PT3S", "phaseout.notifications.check-every=P1D",
				"phaseout.public-url=https://phaseout.example.nl" })
class NotificationMailTest {

	private static final GreenMail SMTP = startSmtp();

	private static final Path DATA_DIR = createDataDir();

	private static final String TASKLIST = "https://phaseout.example.nl/camunda/app/tasklist/default/#/?task=";

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identity;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	ManagementService management;

	@Autowired
	Reminders reminders;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("phaseout.data-dir", DATA_DIR::toString);
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
	}

	@AfterAll
	static void stopSmtp() {
		SMTP.stop();
	}

	@Test
	void newTasksMailEachProjectManagerWithAnAddressOnceInOneMail() throws Exception {
		String group = projectManagers("ann", "bob", "cas-without-address");
		// a group serves one organisation: ann and bob manage a second one through a group of its own
		String otherGroup = projectManagers();
		joinAs(otherGroup, group, "ann", "bob");
		String first = register("VITAL_PROVIDER", group);
		String second = register("VITAL_PROVIDER", otherGroup);
		List<String> taskIds = List.of(decideOnAdvice(first).getId(), decideOnAdvice(second).getId());

		List<MimeMessage> toAnn = await().atMost(Duration.ofSeconds(60))
			.until(() -> mailsTo(address(group, "ann")), mails -> !mails.isEmpty());
		await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(address(group, "bob")), mails -> !mails.isEmpty());
		// for longer than the delay, no second mail follows
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
			.until(() -> mailsTo(address(group, "ann")).size() == 1 && mailsTo(address(group, "bob")).size() == 1);
		assertThat(Arrays.stream(SMTP.getReceivedMessages()).filter(mail -> recipient(mail).startsWith("cas-")))
			.isEmpty();

		MimeMessage mail = toAnn.get(0);
		assertThat(mail.getSubject()).contains(name(first)).contains(name(second));
		assertThat(MailOutboxTest.body(mail)).contains(TASKLIST + taskIds.get(0)).contains(TASKLIST + taskIds.get(1))
			.contains("Nieuwe taak");
	}

	@Test
	void projectManagersAreRemindedOnceOfDeadlinesComingNear() throws Exception {
		String group = projectManagers("dirk");
		String organisation = register("CENTRAL_GOVERNMENT", group);

		reminders.remindNow();
		reminders.remindNow();

		await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(address(group, "dirk")), mails -> !mails.isEmpty());
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
			.until(() -> mailsTo(address(group, "dirk")).size() == 1);
		List<MimeMessage> mails = mailsTo(address(group, "dirk"));
		assertThat(mails.get(0).getSubject()).contains(name(organisation));
		String body = MailOutboxTest.body(mails.get(0));
		assertThat(body).contains("Herinnering: de mijlpaal 'Inventarisatie'").contains("'Afronding'")
			// waiting for its inventory, the organisation has no task: the link is its page
			.contains("https://phaseout.example.nl/office/organisations/" + organisation);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification_outbox WHERE kind = 'REMINDER'"
				+ " AND organisation_id = ?", Integer.class, organisation)).as("one per milestone").isEqualTo(4);
	}

	@Test
	void missedMilestonesMailTheOfficeOncePerOrganisationAndDay() throws Exception {
		String group = projectManagers("eva");
		String organisation = register("CENTRAL_GOVERNMENT", group);
		String processInstanceId = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(organisation)
			.singleResult()
			.getId();

		List<Job> deadlines = management.createJobQuery().processInstanceId(processInstanceId).timers().list();
		assertThat(deadlines).hasSize(4);
		for (Job deadline : deadlines) {
			management.executeJob(deadline.getId());
		}

		await().atMost(Duration.ofSeconds(60)).until(() -> mailsMentioning("demo@phaseout.example", organisation),
				mails -> !mails.isEmpty());
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
			.until(() -> mailsMentioning("demo@phaseout.example", organisation).size() == 1);
		List<MimeMessage> toOffice = mailsMentioning("demo@phaseout.example", organisation);
		assertThat(toOffice).as("four missed, one mail to the office").hasSize(1);
		String body = MailOutboxTest.body(toOffice.get(0));
		assertThat(body.split("Mijlpaal gemist", -1)).as("told once").hasSize(2);
		assertThat(toOffice.get(0).getSubject()).contains(name(organisation));
		List<String> officeTasks = tasks.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskCandidateGroup("phaseout-office")
			.list()
			.stream()
			.map(Task::getId)
			.toList();
		assertThat(officeTasks).anySatisfy(task -> assertThat(body).contains(TASKLIST + task));
	}

	/** A project managers' group whose members are the users named, each with an address unless its name says so. */
	private String projectManagers(String... users) {
		String group = "pm-notify-" + UUID.randomUUID().toString().substring(0, 8);
		Group created = identity.newGroup(group);
		created.setName("Project managers " + group);
		identity.saveGroup(created);
		for (String name : users) {
			User user = identity.newUser(name + "-" + group);
			user.setFirstName(name);
			user.setPassword("a-long-enough-passphrase-" + UUID.randomUUID());
			if (!name.contains("without-address")) {
				user.setEmail(address(group, name));
			}
			identity.saveUser(user);
			identity.createMembership(user.getId(), group);
		}
		return group;
	}

	/** Makes the named members of one group members of another too. */
	private void joinAs(String otherGroup, String group, String... users) {
		for (String name : users) {
			identity.createMembership(name + "-" + group, otherGroup);
		}
	}

	private static String address(String group, String user) {
		return user + "-" + group + "@phaseout.example";
	}

	private String register(String category, String pmGroup) {
		String id = "NOTIFY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		assertThat(http.withBasicAuth("demo", "demo")
			.postForEntity("/api/organisations",
					new HttpEntity<>(Map.of("id", id, "name", name(id), "category", category, "pmGroup", pmGroup),
							headers),
					String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return id;
	}

	private static String name(String organisationId) {
		return "Dienst " + organisationId.toLowerCase();
	}

	private Task decideOnAdvice(String organisationId) {
		return tasks.createTaskQuery()
			.processInstanceBusinessKey(organisationId)
			.taskDefinitionKey("Task_DecideOnAdvice")
			.singleResult();
	}

	private static List<MimeMessage> mailsTo(String address) {
		return Arrays.stream(SMTP.getReceivedMessages()).filter(mail -> recipient(mail).equals(address)).toList();
	}

	private static List<MimeMessage> mailsMentioning(String address, String organisationId) {
		return mailsTo(address).stream()
			.filter(mail -> MailOutboxTest.body(mail).contains(name(organisationId)))
			.toList();
	}

	private static String recipient(MimeMessage mail) {
		try {
			return mail.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static GreenMail startSmtp() {
		GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
		return smtp;
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("phaseout-notify-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
