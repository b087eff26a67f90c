package nl.phaseout.engine.office;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.inventory.InvalidUploadException;
import nl.phaseout.engine.inventory.ManualInventory;
import nl.phaseout.engine.report.CampaignOrganisations;
import nl.phaseout.engine.report.OfficeReaders;
import nl.phaseout.engine.report.OrganisationRow;

/**
 * The upload form on an organisation's page ({@code office/inventory-upload :: form}): the
 * organisation's project managers and the office send the inventory as a CSV file (or pasted
 * lines), and get a page back that says what was accepted or, line by line, what was refused and
 * why. The same path as {@code POST /api/organisations/{id}/inventory}: nothing is published
 * unless every line is valid. Another organisation's id answers as an unknown one: 404.
 */
@Controller
class InventoryUploadController {

	/** Windows' code page for Western Europe: what a Dutch spreadsheet writes when not told to write UTF-8. */
	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private final OfficePages pages;

	private final CampaignOrganisations organisations;

	private final ManualInventory inventory;

	private final MessageSource messages;

	InventoryUploadController(OfficePages pages, CampaignOrganisations organisations, ManualInventory inventory,
			MessageSource messages) {
		this.pages = pages;
		this.organisations = organisations;
		this.inventory = inventory;
		this.messages = messages;
	}

	/** One refused line (0 when the problem is the upload's as a whole) and why. */
	record Refused(int line, String reason) {
	}

	@PostMapping("/office/organisations/{id}/inventory")
	String upload(@PathVariable String id, @RequestParam(required = false) String campaign,
			@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String csv,
			Authentication user, Locale locale, Model model, HttpServletResponse response) throws IOException {
		Campaign shown = pages.campaign(campaign);
		Optional<OrganisationRow> visible = organisations.find(shown.id(), id, OfficeReaders.scopeOf(user),
				Instant.now());
		if (visible.isEmpty()) {
			// Another organisation's id answers as an unknown one: the office's 404 page.
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return null;
		}
		OrganisationRow row = visible.get();
		pages.addFrame(model, user);
		model.addAttribute("campaign", shown);
		model.addAttribute("row", row);
		model.addAttribute("otherLanguage", UriComponentsBuilder.fromPath("/office/organisations/{id}")
			.queryParam("lang", OfficeLocales.supported(locale).getLanguage().equals("en") ? "nl" : "en")
			.buildAndExpand(id)
			.toUriString());
		boolean hasFile = file != null && !file.isEmpty();
		if (!hasFile && (csv == null || csv.isBlank())) {
			model.addAttribute("nothing", true);
			return "office/inventory-upload-result";
		}
		try {
			model.addAttribute("accepted", hasFile ? upload(id, user, file) : upload(id, user, new StringReader(csv)));
		}
		catch (InvalidUploadException ex) {
			List<Refused> refused = ex.details().stream().map(problem -> refused(problem, locale)).toList();
			model.addAttribute("refused", refused);
			model.addAttribute("refusedCount", ex.count());
			model.addAttribute("unlisted", Math.max(0, ex.count() - refused.size()));
		}
		return "office/inventory-upload-result";
	}

	/** UTF-8 (with or without byte order mark); a file that is not, as Windows-1252. */
	private ManualInventory.Summary upload(String id, Authentication user, MultipartFile file) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return upload(id, user, new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)));
		}
		catch (CharacterCodingException notUtf8) {
			try (InputStream in = file.getInputStream()) {
				return upload(id, user, new InputStreamReader(in, WINDOWS_1252));
			}
		}
	}

	private ManualInventory.Summary upload(String id, Authentication user, Reader csv) throws IOException {
		return inventory.upload(id, user.getName(), csv);
	}

	/** A problem in the page's language; the API says it in English. */
	private Refused refused(InvalidUploadException.Problem problem, Locale locale) {
		String reason = messages.getMessage("upload.problem." + problem.kind(), problem.values().toArray(),
				problem.english(), OfficeLocales.supported(locale));
		return new Refused(problem.line(), reason);
	}

}
