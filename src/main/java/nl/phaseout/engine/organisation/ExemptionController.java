package nl.phaseout.engine.organisation;

import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.phaseout.engine.exemption.Exemption;
import nl.phaseout.engine.exemption.ExemptionRequest;
import nl.phaseout.engine.exemption.Exemptions;
import nl.phaseout.engine.exemption.InvalidExemptionException;
import nl.phaseout.engine.system.Problems;

/**
 * {@code POST /api/organisations/{id}/exemptions}: the organisation's project managers (or the office)
 * ask for endpoints to be exempted from a campaign, which opens {@code Task_ReviewExemption} for the
 * office; {@code GET} lists them. To anyone else the organisation does not exist (404).
 */
@RestController
@RequestMapping("/api/organisations/{id}/exemptions")
@Tag(name = "Organisations")
class ExemptionController {

	private final OrganisationRepository organisations;

	private final Exemptions exemptions;

	ExemptionController(OrganisationRepository organisations, Exemptions exemptions) {
		this.organisations = organisations;
		this.exemptions = exemptions;
	}

	@Operation(summary = "Ask for live endpoints to be exempted from a campaign until a date (its project managers)",
			description = "Only where the campaign allows exemptions; until is not in the past and not past the"
					+ " campaign's exemptions.maxUntil. Opens Task_ReviewExemption for the programme office.")
	@ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Exemption.class)))
	@ApiResponse(responseCode = "400", description = "A field missing or wrong, or endpoints that are not live"
			+ " endpoints of the organisation (named)")
	@ApiResponse(responseCode = "404", description = "No such organisation (or not yours)")
	@ApiResponse(responseCode = "409", description = "The campaign is not active or does not allow exemptions")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> request(@PathVariable String id, @RequestBody(required = false) ExemptionRequest request,
			Authentication user) {
		Optional<Organisation> organisation = visible(id, user);
		if (organisation.isEmpty()) {
			return notFound(id);
		}
		try {
			Exemption exemption = exemptions.request(organisation.get().id(), user.getName(), request);
			return ResponseEntity.status(HttpStatus.CREATED).body(exemption);
		}
		catch (InvalidExemptionException ex) {
			return Problems.answer(ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	@Operation(summary = "The organisation's exemptions, the latest request first")
	@ApiResponse(responseCode = "200",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = Exemption.class))))
	@GetMapping
	ResponseEntity<?> list(@PathVariable String id, Authentication user) {
		Optional<Organisation> organisation = visible(id, user);
		if (organisation.isEmpty()) {
			return notFound(id);
		}
		List<Exemption> found = exemptions.forOrganisation(organisation.get().id());
		return ResponseEntity.ok(found);
	}

	private Optional<Organisation> visible(String id, Authentication user) {
		return organisations.find(id).filter(organisation -> Access.mayRead(user, organisation.pmGroup()));
	}

	private static ResponseEntity<?> notFound(String id) {
		return Problems.answer(HttpStatus.NOT_FOUND, "No organisation is registered with id '" + id + "'.");
	}

}
