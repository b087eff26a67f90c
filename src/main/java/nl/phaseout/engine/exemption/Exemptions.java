package nl.phaseout.engine.exemption;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.inventory.EndpointExemptions;
import nl.phaseout.engine.process.ProcessConstants;
import nl.phaseout.engine.process.ProcessRecord;
import nl.phaseout.engine.system.DutchText;
import nl.phaseout.engine.system.PlainText;

/**
 * Exemptions, from the project manager's request through the office's decision to the expiry. The
 * caller has checked that the user may act for the organisation. Times are the engine's clock
 * (Camunda's {@link ClockUtil}, which its timers follow): an exemption's end is a policy date, not an
 * inventory fact.
 */
@Service
public class Exemptions {

	/** Dates in campaign settings and exemptions are Dutch calendar days. */
	static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	public static final int MAX_REASON_LENGTH = 4000;

	public static final int MAX_ENDPOINTS = 1000;

	/** The endpoints, reason and dates the review form shows (read-only), and the decision it asks for. */
	static final String VAR_CAMPAIGN_ID = "campaignId";

	static final String VAR_ORGANISATION_ID = "organisationId";

	static final String VAR_ENDPOINTS = "exemptionEndpoints";

	static final String VAR_REASON = "exemptionReason";

	static final String VAR_UNTIL = "exemptionUntil";

	static final String VAR_UNTIL_TEKST = "exemptionUntilTekst";

	static final String VAR_CAMPAIGN_TEKST = "campaignTekst";

	static final String VAR_REQUESTED_BY = "exemptionRequestedBy";

	static final String VAR_APPROVED = "approved";

	static final String VAR_NOTE = "reviewNote";

	static final String VAR_EXPIRES_AT = "exemptionExpiresAt";

	private final ExemptionRepository repository;

	private final CampaignCatalog campaigns;

	private final EndpointExemptions inventory;

	private final RuntimeService runtime;

	private final ProcessRecord record;

	Exemptions(ExemptionRepository repository, CampaignCatalog campaigns, EndpointExemptions inventory,
			RuntimeService runtime, ProcessRecord record) {
		this.repository = repository;
		this.campaigns = campaigns;
		this.inventory = inventory;
		this.runtime = runtime;
		this.record = record;
	}

	/** The organisation's exemptions, the latest request first. */
	@Transactional(readOnly = true)
	public List<Exemption> forOrganisation(String organisationId) {
		return repository.forOrganisation(organisationId);
	}

	/**
	 * Checks the request, keeps it and opens {@code Task_ReviewExemption} for the office.
	 *
	 * @throws InvalidExemptionException saying what is wrong (and nothing is kept)
	 */
	@Transactional
	public Exemption request(String organisationId, String user, ExemptionRequest request) {
		if (request == null) {
			throw new InvalidExemptionException("The body must be JSON {\"campaignId\", \"endpointIds\", \"reason\","
					+ " \"until\"}, e.g. {\"campaignId\": \"windows-10-eos-2025\", \"endpointIds\": [\"pc-001\"],"
					+ " \"reason\": \"Medical device certified on Windows 10 only\", \"until\": \"2026-10-13\"}");
		}
		Campaign campaign = campaign(request.campaignId());
		List<String> endpointIds = endpointIds(request.endpointIds());
		String reason = reason(request.reason());
		Instant now = ClockUtil.getCurrentTime().toInstant();
		LocalDate until = until(request.until(), campaign, LocalDate.ofInstant(now, ZONE));
		List<String> notLive = inventory.notLive(campaign.id(), organisationId, endpointIds);
		if (!notLive.isEmpty()) {
			throw new InvalidExemptionException("Not live endpoints of organisation '" + organisationId + "' in campaign '"
					+ campaign.id() + "': " + shown(notLive) + ". Only endpoints the inventory knows and that are not"
					+ " retired may be exempted; GET /api/organisations/" + organisationId + "/endpoints lists them.");
		}
		Exemption exemption = new Exemption(UUID.randomUUID().toString(), campaign.id(), organisationId, endpointIds,
				reason, until, Exemption.Status.REQUESTED, user, now, null, null, null, null, null);
		repository.insert(exemption);
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put(VAR_CAMPAIGN_ID, campaign.id());
		variables.put(VAR_ORGANISATION_ID, organisationId);
		variables.put(VAR_ENDPOINTS, shownAsLines(endpointIds));
		variables.put(VAR_REASON, cut(PlainText.text(reason)));
		variables.put(VAR_UNTIL, until.toString());
		variables.put(VAR_REQUESTED_BY, user);
		// what the review form shows: words, not the campaign's key or an ISO date
		variables.put(VAR_CAMPAIGN_TEKST, campaign.name());
		variables.put(VAR_UNTIL_TEKST, DutchText.date(until));
		String processInstanceId = runtime
			.startProcessInstanceByKey(ProcessConstants.EXEMPTION_PROCESS_KEY, organisationId, variables)
			.getId();
		repository.processStarted(exemption.id(), processInstanceId);
		Map<String, Object> data = data(exemption);
		record.append(campaign.id(), organisationId, processInstanceId,
				new ProcessRecord.Entry(ProcessRecord.Kind.EXEMPTION, now, user, data));
		return exemption;
	}

	/**
	 * The office's decision, from the review task: an approval exempts the endpoints now, until the end
	 * of the exemption's last day (never past the campaign's maxUntil), which it returns; a refusal
	 * changes nothing but the exemption's status, and returns null.
	 */
	Instant decide(String processInstanceId, boolean approved, String user, String note) {
		Exemption exemption = repository.byProcessInstance(processInstanceId)
			.orElseThrow(() -> new IllegalStateException("No exemption for process instance " + processInstanceId));
		Instant now = ClockUtil.getCurrentTime().toInstant();
		Instant expiresAt = null;
		if (approved) {
			LocalDate last = exemption.until();
			LocalDate maxUntil = campaigns.find(exemption.campaignId())
				.map(campaign -> campaign.exemptions().maxUntil())
				.orElse(null);
			if (maxUntil != null && maxUntil.isBefore(last)) {
				last = maxUntil;
			}
			expiresAt = last.plusDays(1).atStartOfDay(ZONE).toInstant();
		}
		Exemption.Status status = approved ? Exemption.Status.APPROVED : Exemption.Status.REFUSED;
		if (!repository.decide(exemption.id(), status, user, now, note, expiresAt)) {
			throw new IllegalStateException("Exemption " + exemption.id() + " was decided already");
		}
		if (approved) {
			inventory.exempt(exemption.campaignId(), exemption.organisationId(), exemption.endpointIds(), true);
		}
		Map<String, Object> data = data(exemption);
		data.put("status", status.name());
		if (note != null) {
			data.put("note", note);
		}
		if (expiresAt != null) {
			data.put("expiresAt", expiresAt.toString());
		}
		record.append(exemption.campaignId(), exemption.organisationId(), processInstanceId,
				new ProcessRecord.Entry(ProcessRecord.Kind.EXEMPTION, now, user, data));
		return expiresAt;
	}

	/**
	 * The exemption's time is up: its endpoints count as banned again where they still run the banned
	 * product, unless another approved exemption still covers them.
	 */
	void expire(String processInstanceId) {
		Exemption exemption = repository.byProcessInstance(processInstanceId)
			.orElseThrow(() -> new IllegalStateException("No exemption for process instance " + processInstanceId));
		Instant now = ClockUtil.getCurrentTime().toInstant();
		if (!repository.expire(exemption.id(), now)) {
			return;
		}
		Set<String> ending = new LinkedHashSet<>(exemption.endpointIds());
		ending.removeAll(repository.approvedElsewhere(exemption.campaignId(), exemption.organisationId(),
				exemption.id()));
		inventory.exempt(exemption.campaignId(), exemption.organisationId(), ending, false);
		Map<String, Object> data = data(exemption);
		data.put("status", Exemption.Status.EXPIRED.name());
		record.append(exemption.campaignId(), exemption.organisationId(), processInstanceId,
				new ProcessRecord.Entry(ProcessRecord.Kind.EXEMPTION, now, "engine", data));
	}

	private static Map<String, Object> data(Exemption exemption) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("exemptionId", exemption.id());
		data.put("status", exemption.status().name());
		data.put("endpoints", exemption.endpointIds());
		data.put("reason", exemption.reason());
		data.put("until", exemption.until().toString());
		data.put("requestedBy", exemption.requestedBy());
		return data;
	}

	private Campaign campaign(String campaignId) {
		if (campaignId == null || campaignId.isBlank()) {
			throw new InvalidExemptionException("campaignId is required: the campaign the endpoints are to be exempted"
					+ " from; GET /api/campaigns lists them");
		}
		Campaign campaign = campaigns.find(campaignId.strip())
			.orElseThrow(() -> new InvalidExemptionException("campaignId '" + PlainText.value(campaignId)
					+ "' is not a campaign; GET /api/campaigns lists them"));
		if (!campaign.active()) {
			throw new InvalidExemptionException("Campaign '" + campaign.id() + "' is " + campaign.status()
					+ ", not active: exemptions are asked for in an active campaign", true);
		}
		if (!campaign.exemptions().allowed()) {
			throw new InvalidExemptionException("Campaign '" + campaign.id() + "' does not allow exemptions: every"
					+ " endpoint must move by its deadlines (campaign setting exemptions.allowed is false)", true);
		}
		return campaign;
	}

	private static List<String> endpointIds(List<String> given) {
		if (given == null || given.isEmpty()) {
			throw new InvalidExemptionException("endpointIds is required: a list of the endpoints to exempt, e.g."
					+ " [\"pc-001\", \"pc-002\"]");
		}
		if (given.size() > MAX_ENDPOINTS) {
			throw new InvalidExemptionException("endpointIds lists " + given.size() + " endpoints; at most "
					+ MAX_ENDPOINTS + " in one request: split it");
		}
		Set<String> ids = new LinkedHashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String id = given.get(i);
			if (id == null || id.isBlank() || id.length() > PlainText.MAX_VALUE_LENGTH
					|| id.codePoints().anyMatch(c -> Character.isISOControl(c) || PlainText.hidden(c))) {
				throw new InvalidExemptionException("endpointIds[" + i + "] is not an endpoint id: give the id as the"
						+ " inventory reports it (1 to " + PlainText.MAX_VALUE_LENGTH + " characters, no control characters)");
			}
			ids.add(id);
		}
		return List.copyOf(ids);
	}

	private static String reason(String reason) {
		String stripped = reason == null ? "" : reason.strip();
		if (stripped.isEmpty()) {
			throw new InvalidExemptionException("reason is required: say why these endpoints cannot move in time"
					+ " (a medical device certified on this product only, a machine replaced next year)");
		}
		if (stripped.length() > MAX_REASON_LENGTH) {
			throw new InvalidExemptionException("reason is " + stripped.length() + " characters long; at most "
					+ MAX_REASON_LENGTH + " are kept: shorten it, or refer to a document");
		}
		return stripped;
	}

	private static LocalDate until(String until, Campaign campaign, LocalDate today) {
		if (until == null || until.isBlank()) {
			throw new InvalidExemptionException("until is required: the exemption's last day, yyyy-mm-dd"
					+ (campaign.exemptions().maxUntil() == null ? ""
							: ", at the latest " + campaign.exemptions().maxUntil()));
		}
		LocalDate date;
		try {
			date = LocalDate.parse(until.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidExemptionException("until '" + PlainText.value(until) + "' is not a date: write it as"
					+ " yyyy-mm-dd, e.g. 2026-10-13");
		}
		if (date.isBefore(today)) {
			throw new InvalidExemptionException("until " + date + " is in the past (today is " + today
					+ "): an exemption runs until a day to come");
		}
		LocalDate maxUntil = campaign.exemptions().maxUntil();
		if (maxUntil != null && date.isAfter(maxUntil)) {
			throw new InvalidExemptionException("until " + date + " is past " + maxUntil + ", the last day campaign '"
					+ campaign.id() + "' allows exemptions to run (exemptions.maxUntil)");
		}
		return date;
	}

	/** Most a variable the form shows holds, well inside what the engine stores (4,000 characters). */
	private static final int SHOWN_LENGTH = 3800;

	/** One endpoint a line, as plain text, and how many more when they do not all fit. */
	private static String shownAsLines(List<String> ids) {
		StringBuilder text = new StringBuilder();
		int shown = 0;
		for (String id : ids) {
			String line = "- " + PlainText.value(id) + "\n";
			if (text.length() + line.length() > SHOWN_LENGTH) {
				break;
			}
			text.append(line);
			shown++;
		}
		if (ids.size() > shown) {
			text.append("… en nog ").append(ids.size() - shown).append('\n');
		}
		return text.toString();
	}

	private static String cut(String text) {
		return text.length() <= SHOWN_LENGTH ? text : text.substring(0, SHOWN_LENGTH) + "…";
	}

	private static String shown(List<String> ids) {
		int shown = Math.min(ids.size(), 20);
		String list = String.join(", ", ids.subList(0, shown).stream().map(PlainText::value).toList());
		return ids.size() > shown ? list + " and " + (ids.size() - shown) + " more" : list;
	}

}
