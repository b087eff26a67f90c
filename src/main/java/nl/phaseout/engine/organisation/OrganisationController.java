package nl.phaseout.engine.organisation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.phaseout.engine.inventory.SourcePatterns;
import nl.phaseout.engine.system.Problems;

/** Registration, the organisation's view and its sources, as the contract's REST tables say. */
@RestController
@RequestMapping("/api/organisations")
@Tag(name = "Organisations", description = "Registration, each organisation's phase-out per campaign, its endpoints"
		+ " and record. An organisation is seen by the programme office and by its own project managers.")
class OrganisationController {

	private final OrganisationRegistration registration;

	private final CsvImport csvImport;

	private final OrganisationViews views;

	private final OrganisationSources sources;

	OrganisationController(OrganisationRegistration registration, CsvImport csvImport, OrganisationViews views,
			OrganisationSources sources) {
		this.registration = registration;
		this.csvImport = csvImport;
		this.views = views;
		this.sources = sources;
	}

	@Operation(summary = "Register an organisation (programme office)",
			description = "Starts a phase-out process for the organisation in every active campaign.")
	@ApiResponse(responseCode = "201", description = "Registered; Location names the organisation")
	@ApiResponse(responseCode = "409", description = "An organisation with this id exists (ids are unique"
			+ " regardless of case)")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<OrganisationView> register(@RequestBody RegistrationRequest request) {
		Organisation organisation = registration.register(request);
		return ResponseEntity.created(URI.create("/api/organisations/" + organisation.id()))
			.body(views.find(organisation.id()).orElseThrow());
	}

	/**
	 * The whole body is read (up to the upload limit, which answers 413 beyond it) before the first
	 * row is registered, so that a body cut off by the limit registers nothing. Kept as bytes, not
	 * as a string of twice the size.
	 */
	@Operation(summary = "Register organisations from CSV (programme office)",
			description = "Registers every valid row; an invalid row never stops the others. The answer says, per"
					+ " row, what happened.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
							examples = @ExampleObject(value = "id,name,category,pmGroup\n"
									+ "GEM-UTRECHT,Gemeente Utrecht,MUNICIPALITY,\n"))))
	@PostMapping(path = "/import", consumes = "text/csv")
	ImportResult importCsv(HttpServletRequest request) throws IOException {
		byte[] csv = request.getInputStream().readAllBytes();
		Charset charset = request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
				: Charset.forName(request.getCharacterEncoding());
		return csvImport.importCsv(new InputStreamReader(new ByteArrayInputStream(csv), charset));
	}

	/** Another organisation's id answers exactly as an unknown one does: ids are not for guessing. */
	@Operation(summary = "An organisation and where it stands in each campaign")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrganisationView.class)))
	@GetMapping("/{id}")
	ResponseEntity<?> find(@PathVariable String id, Authentication user) {
		Organisation organisation = views.organisation(id).orElse(null);
		if (organisation == null || !Access.mayRead(user, organisation.pmGroup())) {
			return notFound(id);
		}
		return ResponseEntity.ok(views.find(id).orElseThrow());
	}

	/** The programme office's (the security configuration says who may). */
	@Operation(summary = "Replace the sources that may report for the organisation (programme office)")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SourcesView.class)))
	@PutMapping(path = "/{id}/sources", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> replaceSources(@PathVariable String id, @RequestBody SourcesRequest request) {
		List<String> problems = new ArrayList<>();
		if (request.sources() == null) {
			problems.add("sources is required: a list of sources, each exact or a prefix ending in '*' (may be empty)");
		}
		else {
			problems.addAll(SourcePatterns.problems(request.sources()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRegistrationException(problems);
		}
		if (views.organisation(id).isEmpty()) {
			return notFound(id);
		}
		List<String> replaced = SourcePatterns.normalise(request.sources());
		sources.replace(id, replaced);
		return ResponseEntity.ok(new SourcesView(id, sources.of(id)));
	}

	/** {@code PUT /api/organisations/{id}/sources}. */
	record SourcesRequest(List<String> sources) {
	}

	record SourcesView(String organisationId, List<String> sources) {
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidRegistrationException ex) {
		return Problems.answer(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> exists(OrganisationExistsException ex) {
		return Problems.answer(HttpStatus.CONFLICT, ex.getMessage());
	}

	private static ResponseEntity<ProblemDetail> notFound(String id) {
		return Problems.answer(HttpStatus.NOT_FOUND,
				"No organisation is registered with id '" + OrganisationNames.printable(id) + "'.");
	}

}
