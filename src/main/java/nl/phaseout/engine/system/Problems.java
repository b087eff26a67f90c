package nl.phaseout.engine.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one way the project builds an {@code application/problem+json} answer: the status, its
 * reason phrase as the title, and a detail that says what was wrong and what to do.
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail detail(HttpStatus status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	public static ResponseEntity<ProblemDetail> answer(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(detail(status, detail));
	}

}
