package nl.phaseout.engine.campaign;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.phaseout.engine.system.Problems;

/**
 * The campaigns as data: list, create (from a template or a DMN of one's own), activate, close.
 * Reading them is for everyone signed in (project managers need a campaign's id and its exemption
 * policy); creating, activating and closing are for the programme office (security configuration).
 */
@RestController
@RequestMapping("/api/campaigns")
@Tag(name = "Campaigns")
@ApiResponse(responseCode = "403", description = "Creating, activating and closing: for the programme office"
		+ " (group phaseout-office) and administrators only")
class CampaignController {

	private final CampaignCatalog catalog;

	private final CampaignLifecycle lifecycle;

	CampaignController(CampaignCatalog catalog, CampaignLifecycle lifecycle) {
		this.catalog = catalog;
		this.lifecycle = lifecycle;
	}

	@Operation(summary = "Every campaign, whatever its status")
	@GetMapping
	@Transactional(readOnly = true)
	List<CampaignView> list() {
		return catalog.all().stream().map(this::view).toList();
	}

	@Operation(summary = "One campaign")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignView.class)))
	@GetMapping("/{id}")
	@Transactional(readOnly = true)
	ResponseEntity<?> find(@PathVariable String id) {
		return catalog.find(id).<ResponseEntity<?>>map(campaign -> ResponseEntity.ok(view(campaign)))
			.orElseGet(() -> Problems.answer(HttpStatus.NOT_FOUND, "No campaign with id '" + id + "'."));
	}

	@Operation(summary = "Create a campaign, as a draft (programme office)",
			description = "From a shipped template (kaspersky-av-2018, windows-10-eos-2025), with any field given"
					+ " overriding the template's, or from a classification DMN of its own. The classification is"
					+ " deployed as decision classification-<id>, the applicability as a generated decision table"
					+ " applicability-<id>. Nothing is stored or deployed when the definition is refused.")
	@ApiResponse(responseCode = "201", description = "Created as a DRAFT; Location names the campaign",
			content = @Content(schema = @Schema(implementation = CampaignView.class)))
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CampaignView> create(@RequestBody CampaignDefinition definition) {
		Campaign campaign = lifecycle.create(definition);
		return ResponseEntity.created(URI.create("/api/campaigns/" + campaign.id())).body(view(campaign));
	}

	@Operation(summary = "Activate a campaign (programme office)",
			description = "Every registered organisation joins: its process starts in the background, in batches"
					+ " (organisationsToJoin says how many are still to start); an organisation registered later"
					+ " joins at registration. Activating an active campaign changes nothing.")
	@ApiResponse(responseCode = "202", description = "Active; the organisations are joining",
			content = @Content(schema = @Schema(implementation = ActivationView.class)))
	@ApiResponse(responseCode = "409", description = "The campaign is closed")
	@PostMapping("/{id}/activate")
	ResponseEntity<ActivationView> activate(@PathVariable String id) {
		CampaignLifecycle.Activation activation = lifecycle.activate(id);
		return ResponseEntity.accepted()
			.body(new ActivationView(view(activation.campaign()), activation.organisationsToJoin()));
	}

	@Operation(summary = "Close a campaign (programme office)",
			description = "It starts no process any more and is no longer classified; its running processes end"
					+ " (in the background) with the reason 'campaign closed', recorded; participations, records"
					+ " and reports stay. Closing a closed campaign changes nothing.")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignView.class)))
	@PostMapping("/{id}/close")
	CampaignView close(@PathVariable String id, Authentication user) {
		return view(lifecycle.close(id, user == null ? null : user.getName()));
	}

	record ActivationView(CampaignView campaign, long organisationsToJoin) {
	}

	private CampaignView view(Campaign campaign) {
		return CampaignView.of(campaign, lifecycle.applicability(campaign));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidCampaignException ex) {
		return Problems.answer(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unknown(UnknownCampaignException ex) {
		return Problems.answer(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> conflict(CampaignStateException ex) {
		return Problems.answer(HttpStatus.CONFLICT, ex.getMessage());
	}

}
