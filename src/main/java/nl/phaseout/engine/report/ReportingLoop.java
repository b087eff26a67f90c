package nl.phaseout.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.system.BackgroundLoop;

/**
 * Every second, for each active campaign: writes the status report that fell due, if no node
 * wrote it yet, and every {@code phaseout.reporting.timeline-every} rewrites today's timeline
 * point. Both writes are safe on any number of nodes.
 */
@Component
class ReportingLoop implements SmartLifecycle {

	private final CampaignCatalog campaigns;

	private final StatusReports reports;

	private final CampaignTimeline timeline;

	private final CampaignFigures figures;

	private final ReportingProperties properties;

	/** When this node last wrote each campaign's point, and for which day. */
	private final Map<String, Written> written = new ConcurrentHashMap<>();

	private final BackgroundLoop loop = new BackgroundLoop("office-reporting", Duration.ZERO, this::round);

	ReportingLoop(CampaignCatalog campaigns, StatusReports reports, CampaignTimeline timeline, CampaignFigures figures,
			ReportingProperties properties) {
		this.campaigns = campaigns;
		this.reports = reports;
		this.timeline = timeline;
		this.figures = figures;
		this.properties = properties;
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
			loop.start();
		}
	}

	@Override
	public void stop() {
		loop.stop();
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}

	private record Written(LocalDate day, Instant at) {
	}

}
