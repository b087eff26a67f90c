package nl.phaseout.engine.notification;

import java.time.Clock;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.report.Participations;
import nl.phaseout.engine.report.ReportingProperties;
import nl.phaseout.engine.system.PhaseoutProperties;

/**
 * The notifications' parts. The sender exists only with an SMTP server ({@code spring.mail.host},
 * the condition of Spring Boot's own {@code JavaMailSender}); without one the notices are written
 * held, for {@code /office/mail}, and never sent, not even once a server is configured later.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

	@Bean
	NotificationOutbox notificationOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		return new NotificationOutbox(jdbc, transactions, Clock.systemUTC());
	}

	@Bean
	Notices notices(NotificationOutbox outbox, IdentityService identity, Participations participations,
			TaskService tasks, NotificationProperties properties, ReportingProperties reporting,
			ObjectProvider<JavaMailSender> mail) {
		return new Notices(outbox, new Recipients(identity), participations, tasks, properties, reporting.zone(),
				mail.getIfAvailable() == null);
	}

	@Bean
	MailComposer mailComposer(PhaseoutProperties phaseout, ReportingProperties reporting, MessageSource messages) {
		return new MailComposer(phaseout.publicUrl(), reporting.zone(),
				deadline -> messages.getMessage("milestone." + deadline, null, deadline, MailComposer.DUTCH));
	}

	@Bean
	Reminders reminders(Notices notices, PlatformTransactionManager transactions, NotificationProperties properties) {
		return new Reminders(notices, new TransactionTemplate(transactions), properties);
	}

	@Bean
	@ConditionalOnProperty(prefix = "spring.mail", name = "host")
	MailSender notificationMailSender(NotificationOutbox outbox, JavaMailSender mail, MailComposer composer,
			PlatformTransactionManager transactions, NotificationProperties properties, PhaseoutProperties phaseout) {
		String host = phaseout.publicUrl().getHost();
		return new MailSender(outbox, mail, composer, new TransactionTemplate(transactions), properties,
				host == null ? "phaseout-engine" : host);
	}

}
