package nl.phaseout.engine.office;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

	OrganisationEvidence(EndpointListing endpoints, ClosureRecords records) {
		this.endpoints = endpoints;
		this.records = records;
	}

	void addTo(Model model, String campaignId, String organisationId) {
		model.addAttribute("bannedEndpoints", list(campaignId, organisationId, EndpointStatus.BANNED));
		model.addAttribute("unprotectedEndpoints", list(campaignId, organisationId, EndpointStatus.UNPROTECTED));
		model.addAttribute("staleEndpoints", list(campaignId, organisationId, EndpointStatus.STALE));
		model.addAttribute("record", records.forOrganisation(organisationId, Optional.of(campaignId))
			.stream()
			.findFirst()
			.orElse(null));
	}

	private EndpointLines list(String campaignId, String organisationId, EndpointStatus status) {
		var page = endpoints.page(campaignId, organisationId, status, 0, SHOWN);
		List<EndpointLine> lines = new ArrayList<>();
		for (Endpoint endpoint : page.endpoints()) {
			lines.add(new EndpointLine(endpoint.endpointId(), products(endpoint.products()), endpoint.observedAt(),
					endpoint.source()));
		}
		return new EndpointLines(status.apiName(), lines, page.total(), Math.max(0, page.total() - lines.size()));
	}

	/** "Kaspersky Endpoint Security 11.11 (active), Microsoft Defender (active)"; empty when unknown. */
	static String products(String json) {
		if (json == null) {
			return "";
		}
		try {
			List<String> shown = new ArrayList<>();
			for (JsonNode product : JSON.readTree(json)) {
				String version = product.hasNonNull("version") ? " " + product.get("version").asText() : "";
				shown.add(product.path("vendor").asText() + " " + product.path("name").asText() + version + " ("
						+ product.path("state").asText() + ")");
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
