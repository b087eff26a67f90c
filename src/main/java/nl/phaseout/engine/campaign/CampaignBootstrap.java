package nl.phaseout.engine.campaign;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Creates or updates the configured campaigns when the application starts, before any
 * listener or request can ask for them. A campaign whose settings are not valid stops
 * the start with a message naming the setting.
 */
@Component
class CampaignBootstrap implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(CampaignBootstrap.class);

	private final CampaignProperties properties;

	private final CampaignCatalog catalog;

	CampaignBootstrap(CampaignProperties properties, CampaignCatalog catalog) {
		this.properties = properties;
		this.catalog = catalog;
	}

	@Override
	public void afterPropertiesSet() {
		for (CampaignProperties.Definition definition : properties.campaigns()) {
			Campaign campaign = toCampaign(definition);
			catalog.save(campaign);
			log.info("Campaign {} ({}) ready, deadlines {}", campaign.id(), campaign.name(), campaign.deadlines());
		}
	}

	static Campaign toCampaign(CampaignProperties.Definition definition) {
		String where = "phaseout.campaigns[" + definition.id() + "]";
		if (definition.id() == null || !definition.id().matches("[a-z0-9][a-z0-9._-]{0,63}")) {
			throw new IllegalStateException(where + ".id must be lower-case letters, digits, '.', '_' or '-'");
		}
		Map<String, String> deadlines = new LinkedHashMap<>();
		CampaignProperties.Deadlines configured = definition.deadlines();
		putValid(deadlines, where + ".deadlines.inventory", "inventory", configured.inventory());
		putValid(deadlines, where + ".deadlines.plan", "plan", configured.plan());
		putValid(deadlines, where + ".deadlines.rollout-start", "rolloutStart", configured.rolloutStart());
		putValid(deadlines, where + ".deadlines.completion", "completion", configured.completion());
		if (definition.statusReportInterval() != null) {
			validDuration(where + ".status-report-interval", definition.statusReportInterval());
		}
		String name = definition.name() == null ? definition.id() : definition.name();
		return new Campaign(definition.id(), name, definition.decisionDate(), definition.applicabilityDecision(),
				definition.classificationDecision(), Map.copyOf(deadlines), definition.statusReportInterval(),
				definition.active());
	}

	private static void putValid(Map<String, String> deadlines, String setting, String name, String value) {
		if (value != null && !value.isBlank()) {
			deadlines.put(name, validDuration(setting, value.trim()));
		}
	}

	private static String validDuration(String setting, String value) {
		try {
			Instant now = Instant.now();
			if (!Campaign.plus(now, value).isAfter(now)) {
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
