package nl.phaseout.engine.notification;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import nl.phaseout.engine.notification.OutboxRow.State;
import nl.phaseout.engine.report.OfficeReaders;

/**
 * {@code /office/mail}: the latest notices and what became of them, for the programme office and
 * administrators (others 403). Without an SMTP server it shows what would have been sent.
 */
@Controller
class MailPageController {

	/** Notices shown, newest first. */
	static final int SHOWN = 200;

	private final NotificationOutbox outbox;

	private final MailComposer composer;

	private final boolean held;

	MailPageController(NotificationOutbox outbox, MailComposer composer, ObjectProvider<JavaMailSender> mail) {
		this.outbox = outbox;
		this.composer = composer;
		this.held = mail.getIfAvailable() == null;
	}

	@GetMapping("/office/mail")
	String mail(@RequestParam(required = false) String state, Authentication user, HttpServletRequest request,
			HttpServletResponse response, Locale locale, Model model) throws IOException {
		if (!OfficeReaders.isOffice(user)) {
			// the error page (error.html) for a browser, in its language; not problem details as for the API
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return null;
		}
		State shownState = Stream.of(State.values()).filter(known -> known.name().equals(state)).findFirst().orElse(null);
		List<Line> lines = outbox.latest(SHOWN, shownState)
			.stream()
			.map(row -> new Line(row.id(), row.createdAt(), row.recipient().userId(), row.recipient().email(),
					row.notice().organisationName(), composer.subject(List.of(row.notice())),
					composer.line(row.notice()), composer.link(row.notice()), row.state().name(), row.sentAt(),
					row.lastError()))
			.toList();
		model.addAttribute("userName", user.getName());
		model.addAttribute("otherLanguage", otherLanguage(request, locale));
		model.addAttribute("held", held);
		model.addAttribute("lines", lines);
		model.addAttribute("shown", SHOWN);
		model.addAttribute("states", Stream.of(State.values()).map(State::name).toList());
		model.addAttribute("state", shownState == null ? "" : shownState.name());
		return "office/mail";
	}

	private static String otherLanguage(HttpServletRequest request, Locale locale) {
		String query = request.getQueryString();
		return UriComponentsBuilder.fromUriString(request.getRequestURI() + (query == null ? "" : "?" + query))
			.replaceQueryParam("lang", locale.getLanguage().equals("en") ? "nl" : "en")
			.build()
			.toUriString();
	}

	/** One notice as the page shows it. */
	record Line(long id, Instant createdAt, String user, String email, String organisation,
			String subject, String text, String link, String state, Instant sentAt, String error) {
	}

}
