package nl.phaseout.engine.office;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

import nl.phaseout.engine.report.InvalidQueryException;
import nl.phaseout.engine.system.Problems;

/**
 * The office's pages answer a browser with an HTML error page in the page's language, saying what
 * was not found or which filter was wrong, with a way back; a client that asks for JSON gets the
 * problem details the API gives. Before the project-wide problem-details advice, for these pages only.
 */
@ControllerAdvice(assignableTypes = { DashboardController.class, OrganisationPageController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class OfficeErrors {

	private final MessageSource messages;

	OfficeErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView notShownPage(NotShownException ex, HttpServletRequest request, Locale locale) {
		String message = messages.getMessage("error.404." + ex.what(), new Object[] { ex.id() }, locale);
		ModelAndView page = page(HttpStatus.NOT_FOUND, message, List.of(), !ex.what().equals("campaign"), request,
				locale);
		page.addObject("title", messages.getMessage("error.title.404." + ex.what(), null, locale));
		return page;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notShown(NotShownException ex) {
		return Problems.answer(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView invalidPage(InvalidQueryException ex, HttpServletRequest request, Locale locale) {
		List<String> problems = ex.problems().stream().map(problem -> describe(problem, locale)).toList();
		ModelAndView page = page(HttpStatus.BAD_REQUEST, messages.getMessage("error.400.filters", null, locale), problems,
				true, request, locale);
		page.addObject("title", messages.getMessage("error.title.400.filters", null, locale));
		return page;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidQueryException ex) {
		return Problems.answer(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/** One wrong parameter in the page's words: "Fase ‘LATE’ bestaat niet." */
	private String describe(InvalidQueryException.Problem problem, Locale locale) {
		String parameter = messages.getMessage("query.parameter." + problem.parameter(), null, problem.parameter(),
				locale);
		Object[] args = new Object[problem.values().size() + 1];
		args[0] = parameter;
		for (int i = 0; i < problem.values().size(); i++) {
			args[i + 1] = String.valueOf(problem.values().get(i));
		}
		return messages.getMessage("query.problem." + problem.kind(), args, locale);
	}

	/** @param keepCampaign whether the campaign asked for is known, so the way back leads to its dashboard */
	private static ModelAndView page(HttpStatus status, String message, List<String> problems, boolean keepCampaign,
			HttpServletRequest request, Locale locale) {
		ModelAndView page = new ModelAndView("error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("path", request.getRequestURI());
		page.addObject("message", message);
		page.addObject("problems", problems);
		// Back to the dashboard without filters: the campaign's, unless the campaign itself was not found.
		String campaign = request.getParameter("campaign");
		UriComponentsBuilder back = UriComponentsBuilder.fromPath("/office");
		if (keepCampaign && campaign != null && !campaign.isBlank()) {
			back.queryParam("campaign", campaign.trim());
		}
		page.addObject("back", back.encode().build().toUriString());
		String other = OfficeLocales.supported(locale).getLanguage().equals("en") ? "nl" : "en";
		String query = request.getQueryString();
		page.addObject("otherLanguage", UriComponentsBuilder
			.fromUriString(request.getRequestURI() + (query == null ? "" : "?" + query))
			.replaceQueryParam("lang", other)
			.build()
			.toUriString());
		return page;
	}

}
