package nl.phaseout.engine.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the project's API is {@code application/problem+json}; this one says
 * what was wrong with an unreadable body instead of "Failed to read request", and answers a
 * body beyond the upload limit with 413.
 */
@RestControllerAdvice(basePackages = "nl.phaseout.engine")
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getMostSpecificCause() instanceof UploadTooLargeException tooLarge) {
			return handleExceptionInternal(ex, tooLarge(tooLarge), headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
		}
		String reason = ex.getMostSpecificCause().getMessage();
		if (reason != null) {
			// Jackson appends the source location; the first line is the useful part.
			reason = reason.lines().findFirst().orElse(reason);
		}
		ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST,
				"The request body could not be read as JSON: " + reason);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> uploadTooLarge(UploadTooLargeException ex) {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(ex));
	}

	private static ProblemDetail tooLarge(UploadTooLargeException ex) {
		return Problems.detail(HttpStatus.PAYLOAD_TOO_LARGE, ex.getMessage());
	}

}
