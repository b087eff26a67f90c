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
	 * @param deadlines ISO-8601 durations from registration; any may be left out
	 * @param statusReportInterval ISO-8601 duration between status reports
	 */
	record Definition(String id, String name, LocalDate decisionDate,
			@DefaultValue("phaseout-applicability") String applicabilityDecision,
			@DefaultValue("phaseout-product-classification") String classificationDecision,
			@DefaultValue Deadlines deadlines, String statusReportInterval, @DefaultValue("true") boolean active) {
	}

	record Deadlines(String inventory, String plan, String rolloutStart, String completion) {
	}

}
