package nl.phaseout.engine.organisation;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.inventory.EndpointListing;
import nl.phaseout.engine.inventory.EndpointStatus;
import nl.phaseout.engine.inventory.InvalidUploadException;
import nl.phaseout.engine.inventory.ManualInventory;
import nl.phaseout.engine.inventory.ManualRetirement;
import nl.phaseout.engine.system.Problems;

/**
 * The evidence behind an organisation's counts ({@code GET .../endpoints}) and the manual path
 * for an organisation without an inventory feed ({@code POST .../inventory}). Both are for the
 * programme office, administrators and the organisation's own project managers; to anyone else
 * the organisation does not exist (404, as for an unknown id), so ids cannot be probed.
 */
@RestController
@RequestMapping("/api/organisations/{id}")
@Tag(name = "Organisations")
class OrganisationInventoryController {

	static final int DEFAULT_PAGE_SIZE = 50;

	static final int MAX_PAGE_SIZE = 500;

	private final OrganisationRepository organisations;

	private final CampaignCatalog campaigns;

	private final EndpointListing endpoints;

	private final ManualInventory manualInventory;

	private final EndpointRetirements retirements;

	OrganisationInventoryController(OrganisationRepository organisations, CampaignCatalog campaigns,
			EndpointListing endpoints, ManualInventory manualInventory, EndpointRetirements retirements) {
		this.organisations = organisations;
		this.campaigns = campaigns;
		this.endpoints = endpoints;
		this.manualInventory = manualInventory;
		this.retirements = retirements;
	}

	@Operation(summary = "The organisation's endpoints, live and retired, a page at a time")
	@ApiResponse(responseCode = "200",
			content = @Content(schema = @Schema(implementation = EndpointListing.EndpointPage.class)))
	@GetMapping("/endpoints")
	ResponseEntity<?> endpoints(@PathVariable String id,
			@Parameter(description = "The campaign whose classification counts; the default campaign, or the"
					+ " only active one, when left out") @RequestParam(required = false) String campaignId,
			@Parameter(description = "banned, unprotected, protected, stale, retired or exempted; every endpoint when left out")
			@RequestParam(required = false) String status,
			@Parameter(description = "From 0") @RequestParam(required = false) String page,
			@Parameter(description = "1 to " + MAX_PAGE_SIZE + "; " + DEFAULT_PAGE_SIZE + " when left out")
			@RequestParam(required = false) String size, Authentication user) {
		if (visible(id, user).isEmpty()) {
			return notFound(id);
		}
		Optional<EndpointStatus> wanted = status == null || status.isBlank() ? Optional.empty()
				: EndpointStatus.fromApiName(status);
		if (status != null && !status.isBlank() && wanted.isEmpty()) {
			return badRequest("status '" + status + "' is not one of " + EndpointStatus.apiNames()
					+ "; leave it out for every endpoint, live and retired");
		}
		Integer pageNumber = number(page, 0);
		if (pageNumber == null || pageNumber < 0) {
			return badRequest("page must be a whole number of 0 or more (the first page is 0), was '" + page + "'");
		}
		Integer pageSize = number(size, DEFAULT_PAGE_SIZE);
		if (pageSize == null || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			return badRequest("size must be a whole number from 1 to " + MAX_PAGE_SIZE + ", was '" + size + "'");
		}
		String campaign;
		try {
			campaign = campaign(campaignId);
		}
		catch (IllegalArgumentException ex) {
			return badRequest(ex.getMessage());
		}
		return ResponseEntity
			.ok(endpoints.page(campaign, id, wanted.orElse(null), pageNumber, pageSize));
	}

	@Operation(summary = "Upload the organisation's inventory as CSV (its project managers and the office)",
			description = "For an organisation without an inventory feed: published on Kafka as the same events a"
					+ " feed sends, followed by a completed scan. Nothing is published unless every line is valid.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
							examples = @ExampleObject(value = "endpointId,vendor,name,version,category,state\n"
									+ "pc-001,Microsoft,Defender Antivirus,4.18,antivirus,active\n"))))
	@ApiResponse(responseCode = "202", description = "Published",
			content = @Content(schema = @Schema(implementation = ManualInventory.Summary.class)))
	@ApiResponse(responseCode = "400", description = "Invalid lines: the problem's errors name each (up to a"
			+ " limit) and errorCount counts them")
	@PostMapping(path = "/inventory", consumes = "text/csv")
	ResponseEntity<?> upload(@PathVariable String id, HttpServletRequest request, Authentication user)
			throws IOException {
		if (visible(id, user).isEmpty()) {
			return notFound(id);
		}
		try (Reader csv = new InputStreamReader(request.getInputStream(), charset(request.getContentType()))) {
			return ResponseEntity.accepted().body(manualInventory.upload(id, user.getName(), csv));
		}
		catch (InvalidUploadException ex) {
			ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST, ex.getMessage());
			problem.setProperty("errors", ex.problems());
			problem.setProperty("errorCount", ex.count());
			return ResponseEntity.badRequest().body(problem);
		}
	}

	/** The reason a person gives for retiring an endpoint. */
	record RetireRequest(@Schema(description = "Why the endpoint is gone, 1 to " + ManualRetirement.MAX_REASON_LENGTH
			+ " characters", requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
	}

	/** What was published: the event's id, and what it says. */
	record RetireAnswer(String eventId, String organisationId, String endpointId, String source, Instant retiredAt) {
	}

	@Operation(summary = "Retire an endpoint that is gone (its project managers and the office)",
			description = "Published as phaseout.endpoint.retired on phaseout.inventory.manual, source"
					+ " urn:phaseout:manual:<user>, retiredAt now; recorded with the reason in the organisation's record."
					+ " A stale endpoint that will not be observed again is retired this way.")
	@ApiResponse(responseCode = "202", description = "Published",
			content = @Content(schema = @Schema(implementation = RetireAnswer.class)))
	@ApiResponse(responseCode = "400", description = "No reason, or one longer than "
			+ ManualRetirement.MAX_REASON_LENGTH + " characters")
	@ApiResponse(responseCode = "404", description = "No such organisation (or not yours), or no such endpoint")
	@ApiResponse(responseCode = "409", description = "The endpoint is retired already")
	@PostMapping(path = "/endpoints/{endpointId}/retire", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> retire(@PathVariable String id, @PathVariable String endpointId,
			@org.springframework.web.bind.annotation.RequestBody(required = false) RetireRequest request,
			Authentication user) {
		if (visible(id, user).isEmpty()) {
			return notFound(id);
		}
		String reason = request == null ? null : request.reason();
		Optional<String> problem = EndpointRetirements.problem(reason);
		if (problem.isPresent()) {
			return badRequest(problem.get() + "; e.g. {\"reason\": \"Scrapped after water damage\"}");
		}
		ManualRetirement.Known known = retirements.known(id, endpointId);
		if (known == ManualRetirement.Known.UNKNOWN) {
			return Problems.answer(HttpStatus.NOT_FOUND, "Organisation '" + id + "' has no endpoint '" + endpointId
					+ "'; GET /api/organisations/" + id + "/endpoints lists them.");
		}
		if (known == ManualRetirement.Known.RETIRED) {
			return Problems.answer(HttpStatus.CONFLICT, "Endpoint '" + endpointId + "' of organisation '" + id
					+ "' is retired already; an observation after its retirement would bring it back.");
		}
		return retirements.retire(id, endpointId, user.getName(), reason)
			.<ResponseEntity<?>>map(retirement -> ResponseEntity.accepted()
				.body(new RetireAnswer(retirement.eventId(), retirement.organisationId(), retirement.endpointId(),
						retirement.source(), retirement.retiredAt())))
			.orElseGet(() -> Problems.answer(HttpStatus.CONFLICT, "Endpoint '" + endpointId + "' of organisation '"
					+ id + "' is retired already."));
	}

	private Optional<Organisation> visible(String id, Authentication user) {
		return organisations.find(id).filter(organisation -> Access.mayRead(user, organisation.pmGroup()));
	}

	/**
	 * The campaign asked for; without one the default campaign, or else the only active one.
	 *
	 * @throws IllegalArgumentException saying which campaigns there are
	 */
	private String campaign(String campaignId) {
		if (campaignId != null && !campaignId.isBlank()) {
			if (campaigns.find(campaignId).isEmpty()) {
				throw new IllegalArgumentException("there is no campaign '" + campaignId + "'; active campaigns: "
						+ names(campaigns.active()));
			}
			return campaignId;
		}
		if (campaigns.find(Campaign.DEFAULT_ID).isPresent()) {
			return Campaign.DEFAULT_ID;
		}
		List<Campaign> active = campaigns.active();
		if (active.size() != 1) {
			throw new IllegalArgumentException("choose a campaign with ?campaignId=; active campaigns: "
					+ names(active));
		}
		return active.get(0).id();
	}

	private static String names(List<Campaign> campaigns) {
		return campaigns.isEmpty() ? "none" : campaigns.stream().map(Campaign::id).collect(Collectors.joining(", "));
	}

	/** The number, the default when absent, or null when it is not a whole number. */
	private static Integer number(String value, int absent) {
		if (value == null || value.isBlank()) {
			return absent;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Charset charset(String contentType) {
		try {
			Charset charset = contentType == null ? null : MediaType.parseMediaType(contentType).getCharset();
			return charset == null ? StandardCharsets.UTF_8 : charset;
		}
		catch (IllegalArgumentException ex) {
			return StandardCharsets.UTF_8;
		}
	}

	private static ResponseEntity<ProblemDetail> notFound(String id) {
		return Problems.answer(HttpStatus.NOT_FOUND, "No organisation is registered with id '" + id + "'.");
	}

	private static ResponseEntity<ProblemDetail> badRequest(String detail) {
		return Problems.answer(HttpStatus.BAD_REQUEST, detail);
	}

}
