package nl.phaseout.engine.organisation;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registration and the organisation's view, as the contract's REST table says. */
@RestController
@RequestMapping("/api/organisations")
class OrganisationController {

	private final OrganisationRegistration registration;

	private final CsvImport csvImport;

	private final OrganisationViews views;

	OrganisationController(OrganisationRegistration registration, CsvImport csvImport, OrganisationViews views) {
		this.registration = registration;
		this.csvImport = csvImport;
		this.views = views;
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<OrganisationView> register(@RequestBody RegistrationRequest request) {
		Organisation organisation = registration.register(request);
		return ResponseEntity.created(URI.create("/api/organisations/" + organisation.id()))
			.body(views.find(organisation.id()).orElseThrow());
	}

	@PostMapping(path = "/import", consumes = { "text/csv", "text/plain" })
	ImportResult importCsv(@RequestBody String csv) throws IOException {
		return csvImport.importCsv(new StringReader(csv));
	}

	@GetMapping("/{id}")
	ResponseEntity<?> find(@PathVariable String id, Authentication user) {
		Organisation organisation = views.organisation(id).orElse(null);
		if (organisation == null) {
			return problem(HttpStatus.NOT_FOUND, "No organisation is registered with id '" + id + "'.");
		}
		if (!Access.mayRead(user, organisation.pmGroup())) {
			return problem(HttpStatus.FORBIDDEN, "Only the programme office and the members of group '"
					+ organisation.pmGroup() + "' may read organisation '" + id + "'.");
		}
		return ResponseEntity.ok(views.find(id).orElseThrow());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidRegistrationException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> exists(OrganisationExistsException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
