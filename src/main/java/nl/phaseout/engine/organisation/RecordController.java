package nl.phaseout.engine.organisation;

import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.phaseout.engine.record.CampaignRecord;
import nl.phaseout.engine.record.ClosureRecords;
import nl.phaseout.engine.system.Problems;

/**
 * {@code GET /api/organisations/{id}/record}: the organisation's closure record, per campaign.
 * For the programme office and the organisation's own project managers; to anyone else the
 * organisation does not exist.
 */
@RestController
@Tag(name = "Organisations")
class RecordController {

	private final OrganisationRepository organisations;

	private final ClosureRecords records;

	RecordController(OrganisationRepository organisations, ClosureRecords records) {
		this.organisations = organisations;
		this.records = records;
	}

	@Operation(summary = "The organisation's record: decisions, evidence and outcome, per campaign")
	@ApiResponse(responseCode = "200",
			content = @Content(schema = @Schema(implementation = OrganisationRecord.class)))
	@GetMapping("/api/organisations/{id}/record")
	ResponseEntity<?> record(@PathVariable String id,
			@Parameter(description = "One campaign's record; every campaign's when left out")
			@RequestParam Optional<String> campaignId, Authentication user) {
		Organisation organisation = organisations.find(id).filter(o -> Access.mayRead(user, o.pmGroup())).orElse(null);
		if (organisation == null) {
			return Problems.answer(HttpStatus.NOT_FOUND, "No organisation is registered with id '" + id + "'.");
		}
		List<CampaignRecord> campaigns = records.forOrganisation(id, campaignId);
		return ResponseEntity.ok(new OrganisationRecord(organisation.id(), organisation.name(), campaigns));
	}

	/** The record as the path answers it. */
	record OrganisationRecord(String organisationId, String name, List<CampaignRecord> campaigns) {
	}

}
