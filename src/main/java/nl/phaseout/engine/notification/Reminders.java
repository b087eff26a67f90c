package nl.phaseout.engine.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.report.UpcomingDeadline;
import nl.phaseout.engine.system.BackgroundWorker;

/**
 * Looks every {@code check-every} for milestones whose deadline comes within {@code remind-before}
 * and that their organisations have not reached, and has their project managers reminded: each
 * deadline in a transaction of its own that takes its key, so every node may look and each
 * deadline is reminded of once.
 */
class Reminders extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

	private final Notices notices;

	private final TransactionTemplate transactions;

	private final Duration every;

	private volatile Instant next = Instant.MIN;

	Reminders(Notices notices, TransactionTemplate transactions, NotificationProperties properties) {
		this.notices = notices;
		this.transactions = transactions;
		this.every = properties.checkEvery();
		loop("notification-reminders", Duration.ZERO, this::round);
	}

	/** Reminds of what is due, once the check is due; never asks for another round at once. */
	boolean round() {
		Instant now = Instant.now();
		if (now.isBefore(next)) {
			return false;
		}
		next = now.plus(every);
		remindNow();
		return false;
	}

	/** Reminds of every deadline due for it and not reminded of yet (here or by another node); returns how many it found. */
	int remindNow() {
		List<UpcomingDeadline> due = notices.toRemind();
		for (UpcomingDeadline deadline : due) {
			transactions.executeWithoutResult(status -> notices.remind(deadline));
		}
		if (!due.isEmpty()) {
			log.debug("Reminded of {} deadlines", due.size());
		}
		return due.size();
	}

}
