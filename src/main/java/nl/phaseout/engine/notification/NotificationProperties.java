package nl.phaseout.engine.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The notifications, under {@code phaseout.notifications}. The SMTP server is Spring Boot's
 * {@code spring.mail.*}; the links in the mails start with {@code phaseout.public-url}.
 *
 * @param delay how long a recipient's first notice waits for others to join it in one mail
 * @param remindBefore how long before a milestone's deadline its project managers are reminded
 * @param from the mails' sender address
 * @param checkEvery how often each node looks for deadlines to remind of
 * @param sendingLease how long a mail claimed by a node may stay unconfirmed before another node
 * takes it as abandoned (a crash) and sends it again; longer than the SMTP time-outs
 * ({@code spring.mail.properties.mail.smtp.*timeout})
 */
@ConfigurationProperties("phaseout.notifications")
public record NotificationProperties(@DefaultValue("PT1M") Duration delay, @DefaultValue("P3D") Duration remindBefore,
		@DefaultValue("uitfasering@phaseout.example") String from, @DefaultValue("PT1M") Duration checkEvery,
		@DefaultValue("PT10M") Duration sendingLease) {
}
