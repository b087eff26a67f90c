package nl.phaseout.engine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import nl.phaseout.engine.EndToEndTest;

/**
 * Without {@code spring.mail.host} (the embedded defaults) nothing is sent, and the office sees
 * at {@code /office/mail} what would have been.
 */
@Tag("e2e")
class MailPageTest extends EndToEndTest {

	@Autowired
	IdentityService identity;

	@Autowired
	ApplicationContext context;

	@Test
	void withoutAnSmtpServerTheOfficeSeesWhatWouldHaveBeenSent() {
		String group = "pm-held-" + UUID.randomUUID().toString().substring(0, 8);
		Group created = identity.newGroup(group);
		created.setName("Project managers " + group);
		identity.saveGroup(created);
		User user = identity.newUser("fenna-" + group);
		user.setEmail("fenna-" + group + "@phaseout.example");
		user.setPassword("Zq9-Wx7-Lm3-Pp5-" + UUID.randomUUID());
		identity.saveUser(user);
		identity.createMembership(user.getId(), group);
		String organisation = "HELD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		assertThat(demo().postForEntity("/api/organisations", new HttpEntity<>(Map.of("id", organisation, "name",
				"Waterschap " + organisation, "category", "VITAL_PROVIDER", "pmGroup", group), headers), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		assertThat(context.getBeansOfType(MailSender.class)).as("no sender without an SMTP server").isEmpty();

		ResponseEntity<String> page = demo().getForEntity("/office/mail", String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("<h1>E-mailberichten</h1>")
			.contains("Uitfasering: nieuwe taak voor Waterschap " + organisation)
			.contains("fenna-" + group + "@phaseout.example")
			.contains("/camunda/app/tasklist/default/#/?task=")
			.contains("Niet verstuurd (geen mailserver)")
			.contains("<th scope=\"col\">")
			.contains("<label for=\"state\">");

		ResponseEntity<String> english = demo().getForEntity("/office/mail?lang=en&state=HELD", String.class);
		assertThat(english.getBody()).contains("<h1>E-mail notifications</h1>").contains("Not sent (no mail server)")
			.contains("Waterschap " + organisation);

		assertThat(http.withBasicAuth("jan", "jan").getForEntity("/office/mail", String.class).getStatusCode())
			.as("a project manager").isEqualTo(HttpStatus.FORBIDDEN);
	}

}
