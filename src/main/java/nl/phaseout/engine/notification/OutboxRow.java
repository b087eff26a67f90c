package nl.phaseout.engine.notification;

import java.time.Instant;

/** A row of the outbox: a notice to one recipient and how far it got. */
record OutboxRow(long id, Recipient recipient, Notice notice, Instant createdAt, State state, String batchId,
		Instant sentAt, int attempts, String lastError) {

	enum State {

		/** To be sent once its recipient's collection time has passed. */
		PENDING,

		/** Claimed by a sender; its mail is, or may have been, with the SMTP server. */
		SENDING,

		/** The SMTP server accepted its mail. */
		SENT,

		/** Written while no SMTP server was configured: shown to the office, never sent. */
		HELD

	}

}
