package nl.phaseout.engine.notification;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The mails' words, in Dutch: a subject that names the organisations, and a body with one line and
 * a link per notice. The link opens the task in Tasklist, or the organisation's page on
 * {@code /office} when there is no task to open. Built from the outbox's rows alone, so a mail sent
 * again says the same.
 */
class MailComposer {

	static final Locale DUTCH = Locale.forLanguageTag("nl-NL");

	/** At most this many organisations are named in a subject; the rest are counted. */
	private static final int NAMED_IN_SUBJECT = 3;

	private final String publicUrl;

	private final DateTimeFormatter dates;

	private final UnaryOperator<String> milestoneNames;

	/**
	 * @param milestoneNames a deadline's name to its milestone's Dutch name
	 */
	MailComposer(URI publicUrl, ZoneId zone, UnaryOperator<String> milestoneNames) {
		String url = publicUrl.toString();
		this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.dates = DateTimeFormatter.ofPattern("d MMMM yyyy 'om' HH:mm", DUTCH).withZone(zone);
		this.milestoneNames = milestoneNames;
	}

	String subject(List<Notice> notices) {
		if (notices.size() == 1) {
			Notice notice = notices.get(0);
			return switch (notice.kind()) {
				case TASK -> "Uitfasering: nieuwe taak voor " + notice.organisationName();
				case REMINDER -> "Uitfasering: herinnering, mijlpaal " + milestone(notice) + " van "
						+ notice.organisationName() + " nadert";
				case MISSED -> "Uitfasering: " + notice.organisationName() + " heeft de mijlpaal " + milestone(notice)
						+ " gemist";
			};
		}
		List<String> organisations = notices.stream().map(Notice::organisationName).distinct().toList();
		if (organisations.size() == 1 && notices.stream().allMatch(notice -> notice.kind() == Kind.TASK)) {
			return "Uitfasering: " + notices.size() + " nieuwe taken voor " + organisations.get(0);
		}
		return "Uitfasering: " + notices.size() + " meldingen voor " + names(organisations);
	}

	String body(Recipient recipient, List<Notice> notices) {
		StringBuilder body = new StringBuilder("Beste ").append(recipient.userId()).append(",\n\n");
		Map<String, List<Notice>> byOrganisation = new LinkedHashMap<>();
		notices.forEach(notice -> byOrganisation
			.computeIfAbsent(notice.organisationName(), name -> new ArrayList<>()).add(notice));
		byOrganisation.forEach((organisation, ofOrganisation) -> {
			body.append(organisation).append('\n');
			ofOrganisation.forEach(notice -> body.append("- ").append(line(notice)).append("\n  ").append(link(notice))
				.append('\n'));
			body.append('\n');
		});
		return body.append("Met vriendelijke groet,\nHet uitfaseringsprogramma\n\n")
			.append("U ontvangt dit bericht omdat u lid bent van de groep die deze taken behandelt.")
			.append(" Het is automatisch verstuurd; een antwoord wordt niet gelezen.\n")
			.toString();
	}

	/** One notice in a sentence, without the organisation. */
	String line(Notice notice) {
		String due = notice.dueAt() == null ? "" : dates.format(notice.dueAt());
		return switch (notice.kind()) {
			case TASK -> "Nieuwe taak: " + notice.topic() + (due.isEmpty() ? "" : " (uiterlijk " + due + ")");
			case REMINDER -> "Herinnering: de mijlpaal " + milestone(notice) + " moet uiterlijk " + due
					+ " bereikt zijn.";
			case MISSED -> "Mijlpaal gemist: " + milestone(notice) + " had uiterlijk " + due
					+ " bereikt moeten zijn. Over deze organisatie krijgt u vandaag geen bericht meer.";
		};
	}

	/** The task in Tasklist; without one, the organisation's page. */
	String link(Notice notice) {
		if (notice.taskId() != null) {
			return publicUrl + "/camunda/app/tasklist/default/#/?task=" + encode(notice.taskId());
		}
		return publicUrl + "/office/organisations/" + encode(notice.organisationId());
	}

	private String milestone(Notice notice) {
		return "'" + milestoneNames.apply(notice.topic()) + "'";
	}

	private static String names(List<String> organisations) {
		if (organisations.size() == 1) {
			return organisations.get(0);
		}
		if (organisations.size() <= NAMED_IN_SUBJECT) {
			return String.join(", ", organisations.subList(0, organisations.size() - 1)) + " en "
					+ organisations.get(organisations.size() - 1);
		}
		return String.join(", ", organisations.subList(0, NAMED_IN_SUBJECT)) + " en "
				+ (organisations.size() - NAMED_IN_SUBJECT) + " andere";
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	String format(Instant instant) {
		return instant == null ? "" : dates.format(instant);
	}

}
