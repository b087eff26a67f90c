package nl.phaseout.engine.office;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.inventory.ManualRetirement;
import nl.phaseout.engine.organisation.EndpointRetirements;
import nl.phaseout.engine.report.CampaignOrganisations;
import nl.phaseout.engine.report.OfficeReaders;

/**
 * The "retire" button of an endpoint on an organisation's page (fragment {@code office/retire ::
 * retireForm}): the same retirement as {@code POST /api/organisations/{id}/endpoints/{endpointId}/retire},
 * for those who may see the organisation's page, answered on that page in its language.
 */
@Controller
class RetireEndpointController {

	/** The flash attribute the fragment shows: the endpoint it is about, and what happened. */
	static final String RESULT = "retireResult";

	private final OfficePages pages;

	private final CampaignOrganisations organisations;

	private final EndpointRetirements retirements;

	private final MessageSource messages;

	RetireEndpointController(OfficePages pages, CampaignOrganisations organisations, EndpointRetirements retirements,
			MessageSource messages) {
		this.pages = pages;
		this.organisations = organisations;
		this.retirements = retirements;
		this.messages = messages;
	}

	/** What the fragment says after a retirement was asked for. */
	record Result(String endpointId, boolean accepted, String message) {
	}

	@PostMapping("/office/organisations/{id}/endpoints/{endpointId}/retire")
	String retire(@PathVariable String id, @PathVariable String endpointId,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String campaign,
			Authentication user, Locale locale, RedirectAttributes redirect) {
		Campaign shown = pages.campaign(campaign);
		// Another organisation's endpoint answers as an unknown organisation does: 404.
		organisations.find(shown.id(), id, OfficeReaders.scopeOf(user), Instant.now())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		redirect.addFlashAttribute(RESULT, result(id, endpointId, reason, user.getName(), OfficeLocales.supported(locale)));
		return "redirect:" + UriComponentsBuilder.fromPath("/office/organisations/{id}")
			.queryParam("campaign", shown.id())
			.buildAndExpand(id)
			.encode()
			.toUriString();
	}

	private Result result(String id, String endpointId, String reason, String user, Locale locale) {
		Optional<String> problem = EndpointRetirements.problem(reason);
		if (problem.isPresent()) {
			return new Result(endpointId, false, reason == null || reason.isBlank()
					? messages.getMessage("retire.noReason", null, locale)
					: messages.getMessage("retire.tooLong", new Object[] { ManualRetirement.MAX_REASON_LENGTH }, locale));
		}
		ManualRetirement.Known known = retirements.known(id, endpointId);
		if (known == ManualRetirement.Known.UNKNOWN) {
			return new Result(endpointId, false, messages.getMessage("retire.unknown", new Object[] { endpointId }, locale));
		}
		if (known == ManualRetirement.Known.RETIRED) {
			return new Result(endpointId, false, messages.getMessage("retire.already", new Object[] { endpointId }, locale));
		}
		return retirements.retire(id, endpointId, user, reason)
			.map(retirement -> new Result(endpointId, true,
					messages.getMessage("retire.done", new Object[] { endpointId, retirement.eventId() }, locale)))
			.orElseGet(() -> new Result(endpointId, false,
					messages.getMessage("retire.already", new Object[] { endpointId }, locale)));
	}

}
