package nl.phaseout.engine.office;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.campaign.CampaignDefinition;
import nl.phaseout.engine.campaign.CampaignLifecycle;
import nl.phaseout.engine.campaign.CampaignStateException;
import nl.phaseout.engine.campaign.CampaignTemplates;
import nl.phaseout.engine.campaign.InvalidCampaignException;
import nl.phaseout.engine.process.Milestone;
import nl.phaseout.engine.report.OfficeReaders;

/**
 * The office's campaign pages: every campaign, one campaign with its definition and the buttons
 * that activate or close it, and the form that creates one from a template (the common case; a
 * classification of its own goes through {@code POST /api/campaigns}). For the programme office
 * only: anyone else gets the office's 404, as for what they may not see elsewhere. The form's
 * problems are shown at their fields, in the page's language.
 */
@Controller
class CampaignPagesController {

	private final OfficePages pages;

	private final CampaignCatalog catalog;

	private final CampaignLifecycle lifecycle;

	private final CampaignTemplates templates;

	private final MessageSource messages;

	CampaignPagesController(OfficePages pages, CampaignCatalog catalog, CampaignLifecycle lifecycle,
			CampaignTemplates templates, MessageSource messages) {
		this.pages = pages;
		this.catalog = catalog;
		this.lifecycle = lifecycle;
		this.templates = templates;
		this.messages = messages;
	}

	/** What the create form holds, as typed. */
	record CampaignForm(String template, String id, String name, String decisionReference, String decisionDate,
			String inventory, String plan, String rolloutStart, String completion) {
	}

	@GetMapping("/office/campaigns")
	String list(Authentication user, Model model, HttpServletResponse response) throws IOException {
		if (!officeOnly(user, response)) {
			return null;
		}
		pages.addFrame(model, user);
		model.addAttribute("campaigns", catalog.all());
		return "office/campaigns";
	}

	@GetMapping("/office/campaigns/new")
	String form(Authentication user, Model model, HttpServletResponse response) throws IOException {
		if (!officeOnly(user, response)) {
			return null;
		}
		return form(user, model, new CampaignForm(templates.ids().stream().findFirst().orElse(null), null, null,
				null, null, null, null, null, null), Map.of(), List.of());
	}

	@PostMapping("/office/campaigns")
	String create(@ModelAttribute CampaignForm form, Authentication user, Locale locale, Model model,
			HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		if (!officeOnly(user, response)) {
			return null;
		}
		try {
			Campaign campaign = lifecycle.create(definition(form));
			redirect.addFlashAttribute("message", messages.getMessage("campaigns.created",
					new Object[] { campaign.name() }, locale));
			return "redirect:/office/campaigns/" + campaign.id() + "?lang=" + OfficeLocales.supported(locale).getLanguage();
		}
		catch (InvalidCampaignException ex) {
			Map<String, String> fieldErrors = new LinkedHashMap<>();
			List<String> otherErrors = new ArrayList<>();
			for (String problem : ex.problems()) {
				CampaignFormErrors.Error error = CampaignFormErrors.of(problem);
				if (error == null) {
					otherErrors.add(problem);
				}
				else {
					fieldErrors.putIfAbsent(error.field(), messages.getMessage(error.messageKey(), null, locale));
				}
			}
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(user, model, form, fieldErrors, otherErrors);
		}
	}

	@GetMapping("/office/campaigns/{id}")
	String campaign(@PathVariable String id, Authentication user, Model model, HttpServletResponse response)
			throws IOException {
		if (!officeOnly(user, response)) {
			return null;
		}
		Campaign campaign = catalog.find(id).orElseThrow(() -> new NotShownException("campaign", id));
		pages.addFrame(model, user);
		model.addAttribute("campaign", campaign);
		model.addAttribute("applicability", lifecycle.applicability(campaign));
		Map<String, String> deadlines = new LinkedHashMap<>();
		for (Milestone milestone : Milestone.values()) {
			String deadline = campaign.deadlines().get(milestone.deadline());
			if (deadline != null) {
				deadlines.put(milestone.deadline(), deadline);
			}
		}
		model.addAttribute("deadlines", deadlines);
		return "office/campaign";
	}

	@PostMapping("/office/campaigns/{id}/activate")
	String activate(@PathVariable String id, Authentication user, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) throws IOException {
		if (!officeOnly(user, response)) {
			return null;
		}
		catalog.find(id).orElseThrow(() -> new NotShownException("campaign", id));
		try {
			CampaignLifecycle.Activation activation = lifecycle.activate(id);
			redirect.addFlashAttribute("message", messages.getMessage("campaigns.activated",
					new Object[] { activation.organisationsToJoin() }, locale));
		}
		catch (CampaignStateException ex) {
			redirect.addFlashAttribute("error", messages.getMessage("campaigns.activate.closed", null, locale));
		}
		return back(id, locale);
	}

	@PostMapping("/office/campaigns/{id}/close")
	String close(@PathVariable String id, Authentication user, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) throws IOException {
		if (!officeOnly(user, response)) {
			return null;
		}
		catalog.find(id).orElseThrow(() -> new NotShownException("campaign", id));
		lifecycle.close(id, user.getName());
		redirect.addFlashAttribute("message", messages.getMessage("campaigns.closed", null, locale));
		return back(id, locale);
	}

	private String form(Authentication user, Model model, CampaignForm form, Map<String, String> fieldErrors,
			List<String> otherErrors) {
		pages.addFrame(model, user);
		Map<String, String> values = new LinkedHashMap<>();
		values.put("template", form.template());
		values.put("id", form.id());
		values.put("name", form.name());
		values.put("decisionReference", form.decisionReference());
		values.put("decisionDate", form.decisionDate());
		values.put("inventory", form.inventory());
		values.put("plan", form.plan());
		values.put("rolloutStart", form.rolloutStart());
		values.put("completion", form.completion());
		model.addAttribute("values", values);
		model.addAttribute("templates", templates.ids().stream()
			.map(id -> Map.of("id", id, "name", templates.name(id).orElse(id)))
			.toList());
		model.addAttribute("fieldErrors", fieldErrors);
		model.addAttribute("otherErrors", otherErrors);
		return "office/campaign-new";
	}

	private static CampaignDefinition definition(CampaignForm form) {
		return new CampaignDefinition(form.id(), form.name(),
				new CampaignDefinition.Decision(form.decisionReference(), form.decisionDate()), form.template(), null,
				null, null, new CampaignDefinition.Deadlines(form.inventory(), form.plan(), form.rolloutStart(),
						form.completion()), null, null, null);
	}

	private static String back(String id, Locale locale) {
		return "redirect:/office/campaigns/" + id + "?lang=" + OfficeLocales.supported(locale).getLanguage();
	}

	/** The office's and administrators'; others get the office's 404 page. */
	private static boolean officeOnly(Authentication user, HttpServletResponse response) throws IOException {
		if (OfficeReaders.isOffice(user)) {
			return true;
		}
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
		return false;
	}

}
