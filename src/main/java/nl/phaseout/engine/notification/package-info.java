/**
 * Notifications by e-mail: who is told what, and the outbox the mails go through. A new task for an
 * organisation's project managers, a milestone's deadline coming near and a missed milestone are
 * written as rows of {@code notification_outbox} in the transaction that decided them (the engine's,
 * through a process engine plugin; the reminder loop's own), one row per recipient with an
 * address in Camunda's identity service; the sender collects a recipient's rows into one mail and
 * hands it to the SMTP server ({@code spring.mail.*}). Without an SMTP server the rows are held and
 * shown to the office at {@code /office/mail}. Reads who an organisation is from {@code report}.
 * Nothing depends on this package.
 */
package nl.phaseout.engine.notification;
