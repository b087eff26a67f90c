package nl.phaseout.engine.office;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import nl.phaseout.engine.inventory.EndpointListing;
import nl.phaseout.engine.inventory.EndpointListing.Endpoint;
import nl.phaseout.engine.inventory.EndpointStatus;
import nl.phaseout.engine.record.CampaignRecord;
import nl.phaseout.engine.record.ClosureRecords;

/**
 * The evidence on an organisation's page: the endpoints behind the counts that need attention
 * (banned, unprotected and stale, the first {@value #SHOWN} of each) and the closure record, as
 * {@code GET /api/organisations/{id}/endpoints} and {@code /record} give them.
 */
@Component
class OrganisationEvidence {

	static final int SHOWN = 50;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final EndpointListing endpoints;

	private final ClosureRecords records;

	private final MessageSource messages;

	OrganisationEvidence(EndpointListing endpoints, ClosureRecords records, MessageSource messages) {
		this.endpoints = endpoints;
		this.records = records;
		this.messages = messages;
	}

	void addTo(Model model, String campaignId, String organisationId, Locale locale) {
		model.addAttribute("bannedEndpoints", list(campaignId, organisationId, EndpointStatus.BANNED, locale));
		model.addAttribute("unprotectedEndpoints", list(campaignId, organisationId, EndpointStatus.UNPROTECTED, locale));
		model.addAttribute("staleEndpoints", list(campaignId, organisationId, EndpointStatus.STALE, locale));
		model.addAttribute("record", records.forOrganisation(organisationId, Optional.of(campaignId))
			.stream()
			.findFirst()
			.orElse(null));
	}

	private EndpointLines list(String campaignId, String organisationId, EndpointStatus status, Locale locale) {
		var page = endpoints.page(campaignId, organisationId, status, 0, SHOWN);
		List<EndpointLine> lines = new ArrayList<>();
		for (Endpoint endpoint : page.endpoints()) {
			lines.add(new EndpointLine(endpoint.endpointId(), products(endpoint.products(),
					state -> messages.getMessage("evidence.state." + state, null, state, locale)), endpoint.observedAt(),
					endpoint.source()));
		}
		return new EndpointLines(status.apiName(), lines, page.total(), Math.max(0, page.total() - lines.size()));
	}

	/** "Kaspersky Endpoint Security 11.11 (actief), Microsoft Defender (actief)", each state in words; empty when unknown. */
	static String products(String json, UnaryOperator<String> state) {
		if (json == null) {
			return "";
		}
		try {
			List<String> shown = new ArrayList<>();
			for (JsonNode product : JSON.readTree(json)) {
				String version = product.hasNonNull("version") ? " " + product.get("version").asText() : "";
				String vendor = product.path("vendor").asText();
				String name = product.path("name").asText();
				// "Kaspersky Endpoint Security", not "Kaspersky Kaspersky Endpoint Security"
				String shownName = name.toLowerCase(Locale.ROOT).startsWith(vendor.toLowerCase(Locale.ROOT)) ? name
						: vendor + " " + name;
				shown.add(shownName + version + " ("
						+ state.apply(product.path("state").asText()) + ")");
			}
			return String.join(", ", shown);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			return "";
		}
	}

	/** Up to {@value #SHOWN} endpoints of one status, how many there are, and how many more than shown. */
	record EndpointLines(String status, List<EndpointLine> endpoints, long total, long more) {
	}

	record EndpointLine(String endpointId, String products, java.time.Instant observedAt, String source) {
	}


}
