package nl.phaseout.engine.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.notification.NotificationOutbox.Batch;
import nl.phaseout.engine.system.BackgroundWorker;

/**
 * Drains the outbox into the SMTP server, one mail per recipient with every notice that was due.
 * <p>
 * A round claims its batches and commits ({@code SENDING}), hands each mail to the server, and
 * marks it {@code SENT} once the server has accepted it. No batch is claimed by two senders, here
 * or on another node. A mail the server refuses, or a server that cannot be reached, puts the
 * batch's notices back for another try after a back-off; none is dropped. A sender that stops
 * between the claim and the mark (a crash, a kill) leaves its batches {@code SENDING}; after
 * {@code sending-lease} any sender takes them over and sends them again, with the same Message-ID.
 * A mail is thus sent twice only when the node stops in the moment between the server's
 * acceptance and the mark's commit, or cannot reach the database for the whole lease after it;
 * the recipient's mail system sees the same Message-ID both times. A mark that fails while the
 * database is away is kept and tried again first in each round.
 */
class MailSender extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(MailSender.class);

	/** Recipients (mails) per round. */
	static final int BATCHES = 20;

	private static final Duration FIRST_RETRY = Duration.ofSeconds(5);

	private static final Duration LAST_RETRY = Duration.ofMinutes(30);

	private final NotificationOutbox outbox;

	private final JavaMailSender mail;

	private final MailComposer composer;

	private final TransactionTemplate transactions;

	private final NotificationProperties properties;

	private final String messageIdDomain;

	/** Mails the server accepted whose mark has not committed yet. */
	private final Deque<String> unconfirmed = new ConcurrentLinkedDeque<>();

	MailSender(NotificationOutbox outbox, JavaMailSender mail, MailComposer composer, TransactionTemplate transactions,
			NotificationProperties properties, String messageIdDomain) {
		this.outbox = outbox;
		this.mail = mail;
		this.composer = composer;
		this.transactions = transactions;
		this.properties = properties;
		this.messageIdDomain = messageIdDomain;
		loop("notification-mail", Duration.ZERO, this::round);
	}

	/** One round: returns whether more mails are due. */
	boolean round() {
		confirm();
		List<Batch> batches = transactions.execute(status -> {
			List<Batch> claimed = new ArrayList<>(
					outbox.claimAbandoned(outbox.now().minus(properties.sendingLease()), BATCHES));
			claimed.addAll(outbox.claimDue(BATCHES - claimed.size()));
			return claimed;
		});
		if (batches == null || batches.isEmpty()) {
			return false;
		}
		batches.forEach(this::send);
		return batches.size() >= BATCHES;
	}

	private void send(Batch batch) {
		try {
			mail.send(message(batch));
		}
		catch (MailException | MessagingException ex) {
			Duration retry = retryAfter(batch.attempts());
			log.warn("Mail to {} ({} notices) not sent, trying again in {}: {}", batch.recipient().email(),
					batch.rows().size(), retry, ex.toString());
			transactions.executeWithoutResult(status -> outbox.postpone(batch.id(), retry, ex.toString()));
			return;
		}
		unconfirmed.add(batch.id());
		confirm();
	}

	/** Marks the accepted mails sent, in the order they were accepted; stops at the first that fails. */
	private void confirm() {
		String batchId;
		while ((batchId = unconfirmed.peek()) != null) {
			String marked = batchId;
			try {
				transactions.executeWithoutResult(status -> outbox.markSent(marked));
			}
			catch (DataAccessException ex) {
				log.warn("Mail {} was sent but could not be marked sent yet: {}", marked, ex.toString());
				return;
			}
			unconfirmed.remove();
		}
	}

	MimeMessage message(Batch batch) throws MessagingException {
		List<Notice> notices = batch.rows().stream().map(OutboxRow::notice).toList();
		MimeMessage message = mail.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
		helper.setFrom(properties.from());
		helper.setTo(batch.recipient().email());
		helper.setSubject(composer.subject(notices));
		helper.setText(composer.body(batch.recipient(), notices));
		// the same for every attempt of this mail, so that a mail sent again can be recognised
		message.setHeader("Message-ID", "<" + batch.id() + "@" + messageIdDomain + ">");
		message.setHeader("Auto-Submitted", "auto-generated");
		return message;
	}

	/** 5 s after the first failure, doubling, at most 30 min. */
	static Duration retryAfter(int attempts) {
		Duration retry = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
		return retry.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry;
	}

}
