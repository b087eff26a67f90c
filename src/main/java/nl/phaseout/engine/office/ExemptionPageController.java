package nl.phaseout.engine.office;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

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
import nl.phaseout.engine.exemption.Exemption;
import nl.phaseout.engine.exemption.ExemptionRequest;
import nl.phaseout.engine.exemption.Exemptions;
import nl.phaseout.engine.exemption.InvalidExemptionException;
import nl.phaseout.engine.report.CampaignOrganisations;
import nl.phaseout.engine.report.OfficeReaders;

/**
 * The exemption form on an organisation's page (fragment {@code office/exemptions :: section}): the same
 * request as {@code POST /api/organisations/{id}/exemptions}, for those who may see the page (its project
 * managers and the office), answered on that page.
 */
@Controller
class ExemptionPageController {

	/** The flash attribute the fragment shows. */
	static final String RESULT = "exemptionResult";

	private final OfficePages pages;

	private final CampaignOrganisations organisations;

	private final Exemptions exemptions;

	ExemptionPageController(OfficePages pages, CampaignOrganisations organisations, Exemptions exemptions) {
		this.pages = pages;
		this.organisations = organisations;
		this.exemptions = exemptions;
	}

	/** What the fragment says after a request. */
	record Result(boolean accepted, String message) {
	}

	@PostMapping("/office/organisations/{id}/exemptions")
	String request(@PathVariable String id, @RequestParam(required = false) String endpoints,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String until,
			@RequestParam(required = false) String campaign, Authentication user, RedirectAttributes redirect) {
		Campaign shown = pages.campaign(campaign);
		// Another organisation answers as an unknown one does: 404.
		String organisationId = organisations.find(shown.id(), id, OfficeReaders.scopeOf(user), Instant.now())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
			.id();
		List<String> endpointIds = endpoints == null ? List.of()
				: Arrays.stream(endpoints.split("[\\r\\n,;]+")).map(String::strip).filter(e -> !e.isEmpty()).toList();
		Result result;
		try {
			Exemption exemption = exemptions.request(organisationId, user.getName(),
					new ExemptionRequest(shown.id(), endpointIds, reason, until));
			result = new Result(true, "Uitzondering aangevraagd voor " + exemption.endpointIds().size()
					+ " endpoint(s) tot en met " + exemption.until() + "; het programmabureau beoordeelt haar.");
		}
		catch (InvalidExemptionException ex) {
			result = new Result(false, "De aanvraag is niet aangenomen. " + ex.getMessage());
		}
		redirect.addFlashAttribute(RESULT, result);
		return "redirect:" + UriComponentsBuilder.fromPath("/office/organisations/{id}")
			.queryParam("campaign", shown.id())
			.fragment("exemptions")
			.buildAndExpand(organisationId)
			.encode()
			.toUriString();
	}

}
