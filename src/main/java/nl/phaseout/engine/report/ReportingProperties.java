package nl.phaseout.engine.report;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The programme office's reporting, under {@code phaseout.reporting}.
 *
 * @param zone where a day begins and ends for the timeline and how dates are shown
 * @param timelineEvery how often today's point of the timeline is rewritten
 * @param enabled whether this node writes timeline points and status reports (any number of nodes may)
 */
@ConfigurationProperties("phaseout.reporting")
public record ReportingProperties(@DefaultValue("Europe/Amsterdam") ZoneId zone,
		@DefaultValue("PT5M") Duration timelineEvery, @DefaultValue("true") boolean enabled) {
}
