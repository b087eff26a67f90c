package nl.phaseout.engine.notification;

/** Someone with an e-mail address, as Camunda's identity service has them. */
record Recipient(String userId, String email) {
}
