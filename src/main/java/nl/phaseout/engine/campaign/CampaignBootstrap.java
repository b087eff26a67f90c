package nl.phaseout.engine.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.process.Milestone;
import nl.phaseout.engine.system.PhaseoutProperties;

/**
 * Creates or updates the configured campaigns when the application starts, before any
 * listener or request can ask for them. A campaign whose settings are not valid stops
 * the start with a message naming the setting. The configured {@code active} sets a campaign's
 * status only when the campaign is created: after that its status is what the API made it
 * ({@code POST /api/campaigns/{id}/activate}, {@code /close}), and a restart does not undo it.
 */
@Component
class CampaignBootstrap implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(CampaignBootstrap.class);

	private final PhaseoutProperties properties;

	private final CampaignCatalog catalog;

	CampaignBootstrap(PhaseoutProperties properties, CampaignCatalog catalog) {
		this.properties = properties;
		this.catalog = catalog;
	}

	@Override
	public void afterPropertiesSet() {
		for (PhaseoutProperties.Campaign definition : properties.campaigns()) {
			Campaign campaign = keepingStatus(toCampaign(definition), catalog.find(definition.id()));
			catalog.save(campaign);
			log.info("Campaign {} ({}) ready, deadlines {}", campaign.id(), campaign.name(), campaign.deadlines());
		}
	}

	/**
	 * The configured campaign, in the status it has when it is stored already: the configuration's
	 * {@code active} counts only when the campaign is new, so a restart never undoes an activation or
	 * a close made through the API or the office.
	 */
	static Campaign keepingStatus(Campaign configured, Optional<Campaign> stored) {
		return stored.map(existing -> configured.withStatus(existing.status())).orElse(configured);
	}

	static Campaign toCampaign(PhaseoutProperties.Campaign definition) {
		String where = "phaseout.campaigns[" + definition.id() + "]";
		if (definition.id() == null || !definition.id().matches("[a-z0-9][a-z0-9._-]{0,63}")) {
			throw new IllegalStateException(where + ".id must be lower-case letters, digits, '.', '_' or '-'");
		}
		Map<String, String> deadlines = new LinkedHashMap<>();
		PhaseoutProperties.Deadlines configured = definition.deadlines();
		putValid(deadlines, where + ".deadlines.inventory", Milestone.INVENTORY, configured.inventory());
		putValid(deadlines, where + ".deadlines.plan", Milestone.PLAN, configured.plan());
		putValid(deadlines, where + ".deadlines.rollout-start", Milestone.ROLLOUT_START, configured.rolloutStart());
		putValid(deadlines, where + ".deadlines.completion", Milestone.COMPLETION, configured.completion());
		if (definition.statusReportInterval() != null) {
			validDuration(where + ".status-report-interval", definition.statusReportInterval());
		}
		// 0.2 wrote prefixes ending in '*'; since 0.3 an entry is part of the name, so that '*' goes
		List<String> vendors = definition.vendors()
			.stream()
			.map(String::strip)
			.map(v -> v.endsWith("*") ? v.substring(0, v.length() - 1).strip() : v)
			.filter(v -> !v.isEmpty())
			.toList();
		for (String vendor : vendors) {
			if (vendor.indexOf('*') >= 0 || vendor.indexOf(',') >= 0) {
				throw new IllegalStateException(where + ".vendors: '" + vendor
						+ "' must be part of a vendor's name (such as kaspersky), without '*' or ','");
			}
		}
		String staleAfter = validStaleAfter(where + ".stale-after", definition.staleAfter());
		String name = definition.name() == null ? definition.id() : definition.name();
		PhaseoutProperties.Exemptions exemptions = definition.exemptions();
		return new Campaign(definition.id(), name, definition.decisionDate(), definition.applicabilityDecision(),
				definition.classificationDecision(), Map.copyOf(deadlines), definition.statusReportInterval(),
				definition.active() ? Campaign.Status.ACTIVE : Campaign.Status.DRAFT, vendors, staleAfter,
				exemptions == null ? Campaign.Exemptions.NONE
						: new Campaign.Exemptions(exemptions.allowed(), exemptions.maxUntil(), exemptions.allowSignOff()),
				definition.decisionReference());
	}

	/** A positive duration of days, hours, minutes or seconds (P14D, PT10M): months and years have no fixed length. */
	private static String validStaleAfter(String setting, String value) {
		if (value == null || value.isBlank()) {
			return Campaign.DEFAULT_STALE_AFTER;
		}
		try {
			Duration duration = Duration.parse(value.strip());
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalStateException(setting + " must be a positive duration, not " + value);
			}
			return value.strip();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalStateException(setting + " must be an ISO-8601 duration in days, hours, minutes or"
					+ " seconds such as P14D or PT10M, not '" + value + "'", ex);
		}
	}

	private static void putValid(Map<String, String> deadlines, String setting, Milestone milestone, String value) {
		if (value != null && !value.isBlank()) {
			deadlines.put(milestone.deadline(), validDeadline(setting, value.trim()));
		}
	}

	/** A positive duration, or an absolute date or date-time (which may lie in the past: then it is due at once). */
	private static String validDeadline(String setting, String value) {
		if (value.startsWith("P")) {
			return validDuration(setting, value);
		}
		try {
			Campaign.due(Instant.now(), value);
			return value;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalStateException(setting + " must be an ISO-8601 duration such as P30D, a date such as"
					+ " 2019-06-30, or a date-time such as 2019-06-30T17:00:00+02:00, not '" + value + "'", ex);
		}
	}

	private static String validDuration(String setting, String value) {
		try {
			Instant now = Instant.now();
			if (!Campaign.due(now, value).isAfter(now)) {
				throw new IllegalStateException(setting + " must be a positive duration, not " + value);
			}
			return value;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalStateException(
					setting + " must be an ISO-8601 duration such as P30D or PT5M, not '" + value + "'", ex);
		}
	}


}
