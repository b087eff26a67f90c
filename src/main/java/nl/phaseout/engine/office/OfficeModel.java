package nl.phaseout.engine.office;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every office page shows in its frame: the language it is in and a link to the other one. */
@ControllerAdvice(assignableTypes = { DashboardController.class, OrganisationPageController.class,
		LoginController.class, CampaignPagesController.class })
class OfficeModel {

	@ModelAttribute("otherLanguage")
	String otherLanguage(HttpServletRequest request, Locale locale) {
		String other = OfficeLocales.supported(locale).getLanguage().equals("en") ? "nl" : "en";
		String query = request.getQueryString();
		return UriComponentsBuilder.fromUriString(request.getRequestURI() + (query == null ? "" : "?" + query))
			.replaceQueryParam("lang", other)
			.build()
			.toUriString();
	}

}
