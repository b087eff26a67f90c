package nl.phaseout.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.system.BackgroundWorker;

/**
 * Every second, for each active campaign: writes the status report that fell due, if no node
 * wrote it yet, and every {@code phaseout.reporting.timeline-every} rewrites today's timeline
 * point. Both writes are safe on any number of nodes.
 */
@Component
class ReportingLoop extends BackgroundWorker {

	private final CampaignCatalog campaigns;

	private final StatusReports reports;

	private final CampaignTimeline timeline;

	private final CampaignFigures figures;

	private final ReportingProperties properties;

	/** When this node last wrote each campaign's point, and for which day. */
	private final Map<String, Written> written = new ConcurrentHashMap<>();

	ReportingLoop(CampaignCatalog campaigns, StatusReports reports, CampaignTimeline timeline, CampaignFigures figures,
			ReportingProperties properties) {
		this.campaigns = campaigns;
		this.reports = reports;
		this.timeline = timeline;
		this.figures = figures;
		this.properties = properties;
		loop("office-reporting", Duration.ZERO, this::round);
	}

	boolean round() {
		Instant now = Instant.now();
		LocalDate today = LocalDate.ofInstant(now, properties.zone());
		for (Campaign campaign : campaigns.active()) {
			reports.writeDue(campaign, now);
			Written last = written.get(campaign.id());
			if (last == null || !last.day.equals(today)
					|| !now.isBefore(last.at.plus(properties.timelineEvery()))) {
				timeline.record(campaign.id(), today, figures.figures(campaign.id(), Scope.all(), now), now);
				written.put(campaign.id(), new Written(today, now));
			}
		}
		return false;
	}

	@Override
	public void start() {
		if (properties.enabled()) {
			super.start();
		}
	}

	private record Written(LocalDate day, Instant at) {
	}

}
