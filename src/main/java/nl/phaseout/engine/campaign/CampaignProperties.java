package nl.phaseout.engine.campaign;

import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The campaigns this installation runs, under {@code phaseout.campaigns}, created or
 * updated at every start.
 */
@ConfigurationProperties("phaseout")
record CampaignProperties(List<Definition> campaigns) {

	CampaignProperties {
		campaigns = campaigns == null ? List.of() : campaigns;
	}

	/**
	 * @param deadlines ISO-8601 durations from registration, or absolute dates; any may be left out
	 * @param statusReportInterval ISO-8601 duration between status reports
	 * @param vendors the banned product's vendors, whose contract terminations count: exact names or
	 * prefixes ending in '*', regardless of case
	 */
	record Definition(String id, String name, LocalDate decisionDate,
			@DefaultValue("phaseout-applicability") String applicabilityDecision,
			@DefaultValue("phaseout-product-classification") String classificationDecision,
			@DefaultValue Deadlines deadlines, String statusReportInterval, @DefaultValue("true") boolean active,
			@DefaultValue("Kaspersky*") List<String> vendors) {
	}

	record Deadlines(String inventory, String plan, String rolloutStart, String completion) {
	}

}
