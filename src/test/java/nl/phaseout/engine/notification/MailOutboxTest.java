package nl.phaseout.engine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox and its sender on their own: the outbox's table in H2 (its migration alone), a real
 * SMTP server in this JVM (GreenMail), and clocks the tests move on. Several senders on the same
 * database stand for several nodes.
 */
class MailOutboxTest {

	private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

	private static final NotificationProperties SETTINGS = new NotificationProperties(Duration.ofMinutes(1),
			Duration.ofDays(3), "uitfasering@phaseout.example", Duration.ofMinutes(1), Duration.ofMinutes(10));

	private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	private DataSource dataSource;

	private JdbcTransactionManager transactions;

	private final MutableClock clock = new MutableClock(START);

	@BeforeEach
	void start() {
		smtp.start();
		dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
		new ResourceDatabasePopulator(new ClassPathResource("db/migration/V21.1__notification_outbox.sql"))
			.execute(dataSource);
		transactions = new JdbcTransactionManager(dataSource);
	}

	@AfterEach
	void stop() {
		smtp.stop();
		new JdbcTemplate(dataSource).execute("SHUTDOWN");
	}

	@Test
	void aRecipientsNoticesWithinTheDelayGoOutAsOneMailAfterIt() throws Exception {
		NotificationOutbox outbox = outbox(clock);
		write(outbox, task("MIN-JENV", "Ministerie van Justitie en Veiligheid", "task-1"), jan(), fatima());
		clock.advance(Duration.ofSeconds(30));
		write(outbox, task("TENNET", "TenneT TSO", "task-2"), jan());
		MailSender sender = sender(outbox, mailSender(), SETTINGS);

		sender.round();
		assertThat(smtp.getReceivedMessages()).as("nothing before the first notice's delay has passed").isEmpty();

		clock.advance(Duration.ofSeconds(31));
		sender.round();

		Map<String, List<MimeMessage>> received = byRecipient();
		assertThat(received.keySet()).containsExactlyInAnyOrder("jan@phaseout.example", "fatima@phaseout.example");
		MimeMessage toJan = received.get("jan@phaseout.example").get(0);
		assertThat(received.get("jan@phaseout.example")).hasSize(1);
		assertThat(toJan.getSubject()).contains("Ministerie van Justitie en Veiligheid").contains("TenneT TSO");
		assertThat(body(toJan)).contains("http://localhost:8080/camunda/app/tasklist/default/#/?task=task-1")
			.contains("http://localhost:8080/camunda/app/tasklist/default/#/?task=task-2");
		MimeMessage toFatima = received.get("fatima@phaseout.example").get(0);
		assertThat(toFatima.getSubject()).isEqualTo("Uitfasering: nieuwe taak voor Ministerie van Justitie en Veiligheid");
		assertThat(body(toFatima)).contains("?task=task-1").doesNotContain("task-2");

		sender.round();
		assertThat(smtp.getReceivedMessages()).as("sent once").hasSize(2);
		assertThat(states(outbox)).containsOnly("SENT");
	}

	@Test
	void twoSendersOnTheSameDatabaseSendEachNoticeOnce() throws Exception {
		NotificationOutbox writer = outbox(clock);
		for (int recipient = 0; recipient < 40; recipient++) {
			for (int task = 0; task < 5; task++) {
				write(writer, task("ORG-" + recipient, "Organisatie " + recipient, "task-" + recipient + "-" + task),
						new Recipient("user" + recipient, "user" + recipient + "@phaseout.example"));
			}
		}
		clock.advance(Duration.ofMinutes(2));
		List<MailSender> senders = List.of(sender(outbox(clock), mailSender(), SETTINGS),
				sender(outbox(clock), mailSender(), SETTINGS));
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<Void>> running = senders.stream().map(sender -> CompletableFuture.runAsync(() -> {
			try {
				go.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			while (sender.round()) {
				// more waiting
			}
		})).toList();
		go.countDown();
		CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
		senders.get(0).round();

		List<String> tasksMailed = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			tasksMailed.addAll(taskIds(body(message)));
		}
		assertThat(tasksMailed).as("every notice in exactly one mail").hasSize(200).doesNotHaveDuplicates();
		assertThat(states(writer)).containsOnly("SENT");
	}

	@Test
	void aMailClaimedBySenderThatStoppedIsSentOnceByAnotherAfterTheLease() throws Exception {
		NotificationOutbox outbox = outbox(clock);
		write(outbox, task("MIN-JENV", "Ministerie van Justitie en Veiligheid", "task-1"), jan());
		clock.advance(Duration.ofMinutes(2));
		// the first node claims the mail and stops before handing it to the server
		new TransactionTemplate(transactions).execute(status -> outbox.claimDue(MailSender.BATCHES));
		assertThat(states(outbox)).containsOnly("SENDING");

		MailSender other = sender(outbox(clock), mailSender(), SETTINGS);
		other.round();
		assertThat(smtp.getReceivedMessages()).as("within the lease the claim holds").isEmpty();

		clock.advance(SETTINGS.sendingLease().plusSeconds(1));
		other.round();
		other.round();
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		assertThat(states(outbox)).containsOnly("SENT");
	}

	@Test
	void aMailAcceptedButNotMarkedSentGoesOutAgainWithTheSameMessageId() throws Exception {
		NotificationOutbox outbox = outbox(clock);
		write(outbox, task("MIN-JENV", "Ministerie van Justitie en Veiligheid", "task-1"), jan());
		clock.advance(Duration.ofMinutes(2));
		JavaMailSender crashAfterAccept = new Delegating(mailSender()) {
			@Override
			public void send(MimeMessage message) {
				super.send(message);
				throw new IllegalStateException("the node stops before it marks the mail sent");
			}
		};
		assertThatThrownBy(() -> sender(outbox, crashAfterAccept, SETTINGS).round())
			.isInstanceOf(IllegalStateException.class);
		assertThat(states(outbox)).containsOnly("SENDING");

		clock.advance(SETTINGS.sendingLease().plusSeconds(1));
		sender(outbox(clock), mailSender(), SETTINGS).round();

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).as("at least once: the window between acceptance and mark").hasSize(2);
		assertThat(received[1].getMessageID()).isEqualTo(received[0].getMessageID()).isNotBlank();
		assertThat(states(outbox)).containsOnly("SENT");
	}

	@Test
	void aFailingSmtpServerIsTriedAgainLaterAndNothingIsLost() throws Exception {
		NotificationOutbox outbox = outbox(clock);
		write(outbox, task("MIN-JENV", "Ministerie van Justitie en Veiligheid", "task-1"), jan());
		clock.advance(Duration.ofMinutes(2));
		Delegating server = new Delegating(unreachableMailSender());
		MailSender sender = sender(outbox, server, SETTINGS);

		sender.round();
		assertThat(states(outbox)).containsOnly("PENDING");
		assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT last_error FROM notification_outbox",
				String.class)).isNotBlank();

		server.to = mailSender();
		sender.round();
		assertThat(smtp.getReceivedMessages()).as("not before the back-off").isEmpty();

		clock.advance(MailSender.retryAfter(1));
		sender.round();
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		assertThat(states(outbox)).containsOnly("SENT");
	}

	@Test
	void aKeyIsTakenOnceAndATakenKeyLeavesTheTransactionUsable() {
		NotificationOutbox outbox = outbox(clock);
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		Boolean first = transaction.execute(status -> outbox.once("missed:MIN-JENV:2026-03-02"));
		assertThat(first).isTrue();
		transaction.executeWithoutResult(status -> {
			assertThat(outbox.once("missed:MIN-JENV:2026-03-02")).isFalse();
			write(outbox, task("MIN-JENV", "Ministerie van Justitie en Veiligheid", "task-1"), jan());
		});
		assertThat(states(outbox)).containsExactly("PENDING");
		assertThat(outbox.taken(List.of("missed:MIN-JENV:2026-03-02", "missed:MIN-JENV:2026-03-03")))
			.containsExactly("missed:MIN-JENV:2026-03-02");
	}

	@Test
	void heldNoticesAreNeverSent() {
		NotificationOutbox outbox = outbox(clock);
		outbox.write(task("MIN-JENV", "Ministerie van Justitie en Veiligheid", "task-1"), List.of(jan()),
				SETTINGS.delay(), true);
		clock.advance(Duration.ofMinutes(2));
		sender(outbox, mailSender(), SETTINGS).round();
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(outbox.latest(10, null)).extracting(OutboxRow::state).containsExactly(OutboxRow.State.HELD);
	}

	private NotificationOutbox outbox(MutableClock time) {
		return new NotificationOutbox(new JdbcTemplate(dataSource), transactions, time);
	}

	private MailSender sender(NotificationOutbox outbox, JavaMailSender mail, NotificationProperties settings) {
		MailComposer composer = new MailComposer(URI.create("http://localhost:8080"), ZoneId.of("Europe/Amsterdam"),
				deadline -> deadline);
		return new MailSender(outbox, mail, composer, new TransactionTemplate(transactions), settings, "localhost");
	}

	private JavaMailSenderImpl mailSender() {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(smtp.getSmtp().getPort());
		mail.setDefaultEncoding("UTF-8");
		return mail;
	}

	/** An SMTP server that is not there: a port nothing listens on. */
	private static JavaMailSenderImpl unreachableMailSender() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(port);
		mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		return mail;
	}

	private void write(NotificationOutbox outbox, Notice notice, Recipient... to) {
		new TransactionTemplate(transactions)
			.executeWithoutResult(status -> outbox.write(notice, List.of(to), SETTINGS.delay(), false));
	}

	private static Notice task(String organisationId, String name, String taskId) {
		return new Notice(Kind.TASK, organisationId, name, "kaspersky-av-2018", "pi-" + organisationId, taskId,
				"Alternatief kiezen: " + name, null);
	}

	private static Recipient jan() {
		return new Recipient("jan", "jan@phaseout.example");
	}

	private static Recipient fatima() {
		return new Recipient("fatima", "fatima@phaseout.example");
	}

	private List<String> states(NotificationOutbox outbox) {
		return outbox.latest(1000, null).stream().map(row -> row.state().name()).toList();
	}

	private Map<String, List<MimeMessage>> byRecipient() throws MessagingException {
		Map<String, List<MimeMessage>> received = new java.util.HashMap<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			received.computeIfAbsent(message.getAllRecipients()[0].toString(), r -> new ArrayList<>()).add(message);
		}
		return received;
	}

	static String body(MimeMessage message) {
		try {
			return message.getContent().toString();
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> taskIds(String body) {
		return IntStream.range(0, body.length())
			.filter(at -> body.startsWith("?task=", at))
			.mapToObj(at -> body.substring(at + 6).split("\\s", 2)[0])
			.collect(Collectors.toList());
	}

	/** Hands mails on to another sender, which a test may swap. */
	static class Delegating extends JavaMailSenderImpl {

		volatile JavaMailSender to;

		Delegating(JavaMailSender to) {
			this.to = to;
		}

		@Override
		public void send(MimeMessage message) throws MailException {
			to.send(message);
		}

	}

}
