package nl.phaseout.engine.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import nl.phaseout.engine.inventory.EndpointCounts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.campaign.Campaign;

/**
 * Writes and reads the campaigns' status reports. Report n is the interval n of the campaign's
 * schedule; the primary key (campaign, number) lets exactly one writer store it, whichever node
 * or thread gets there first, and the event on {@code phaseout.status} goes through the outbox in
 * the same transaction, so a report and its event exist together or not at all. An interval that
 * ended while no engine ran is not reported on its own: the next report covers the time since the
 * previous one and counts the intervals it stands for in {@code missedIntervals}.
 */
@Component
public class StatusReports {

	static final String EVENT_TYPE = "phaseout.campaign.status-reported";

	private static final String SUMMARY = "SELECT campaign_id, report_number, period_start, period_end, created_at, "
			+ "missed_intervals, organisations, total, banned, protected_count, unprotected, stale, overdue FROM status_report ";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final CampaignFigures figures;

	private final CampaignOrganisations organisations;

	private final StatusOutbox outbox;

	private final ObjectMapper json;

	StatusReports(JdbcTemplate jdbc, TransactionTemplate transaction, CampaignFigures figures,
			CampaignOrganisations organisations, StatusOutbox outbox, ObjectMapper json) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.figures = figures;
		this.organisations = organisations;
		this.outbox = outbox;
		this.json = json;
	}

	/**
	 * Writes the report of the interval that ended last before {@code now}, unless that report or
	 * a later one exists. Returns its number when this call wrote it.
	 */
	public Optional<Integer> writeDue(Campaign campaign, Instant now) {
		if (campaign.statusReportInterval() == null) {
			return Optional.empty();
		}
		Schedule schedule = schedule(campaign.id(), campaign.statusReportInterval(), now);
		long due = schedule.firstNumber + schedule.intervals.completed(now);
		Integer last = lastNumber(campaign.id());
		if (due <= schedule.firstNumber || (last != null && last >= due)) {
			return Optional.empty();
		}
		int number = Math.toIntExact(due);
		Optional<StatusReport> previous = last == null ? Optional.empty() : find(campaign.id(), last);
		Instant periodEnd = schedule.intervals.end(due - schedule.firstNumber);
		Instant periodStart = previous.map(StatusReport::periodEnd)
			.orElse(schedule.intervals.end(due - schedule.firstNumber - 1));
		int missed = (int) (due - 1 - Math.max(schedule.firstNumber, last == null ? 0 : last));
		try {
			transaction.executeWithoutResult(status -> {
				StatusReport report = compose(campaign.id(), number, periodStart, periodEnd, now, missed,
						previous.orElse(null));
				insert(report);
				outbox.append(EVENT_TYPE, campaign.id(), event(report), now);
			});
			return Optional.of(number);
		}
		catch (DuplicateKeyException ex) {
			// Another node or thread wrote this report first: exactly one of us may.
			return Optional.empty();
		}
	}

	public List<StatusReport.Summary> list(String campaignId, int page, int size) {
		return jdbc.query(SUMMARY + "WHERE campaign_id = ? ORDER BY report_number DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
				(rs, n) -> new StatusReport.Summary(rs.getString("campaign_id"), rs.getInt("report_number"),
						rs.getTimestamp("period_start").toInstant(), rs.getTimestamp("period_end").toInstant(),
						rs.getTimestamp("created_at").toInstant(), rs.getInt("missed_intervals"),
						rs.getLong("organisations"), new EndpointCounts(rs.getLong("total"), rs.getLong("banned"),
								rs.getLong("protected_count"), rs.getLong("unprotected"), rs.getLong("stale"), 0),
						rs.getLong("overdue")),
				campaignId, (long) page * size, size);
	}

	public long count(String campaignId) {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM status_report WHERE campaign_id = ?", Long.class,
				campaignId);
		return count == null ? 0 : count;
	}

	public Optional<StatusReport> find(String campaignId, int number) {
		return jdbc.queryForList("SELECT content FROM status_report WHERE campaign_id = ? AND report_number = ?",
				String.class, campaignId, number).stream().findFirst().map(this::read);
	}

	private StatusReport compose(String campaignId, int number, Instant periodStart, Instant periodEnd, Instant now,
			int missed, StatusReport previous) {
		CampaignFigures.Figures current = figures.figures(campaignId, Scope.all(), now);
		List<StatusReport.OverdueOrganisation> overdue = new ArrayList<>();
		OrganisationQuery overdueOnes = new OrganisationQuery(null, null, true, null, null, 0, OrganisationQuery.MAX_SIZE,
				"id");
		organisations.forEach(campaignId, overdueOnes, Scope.all(), now, false,
				row -> overdue.add(new StatusReport.OverdueOrganisation(row.id(), row.name(), row.category(),
						row.phase(), row.daysInPhase(), row.overdueMilestones())));
		Map<String, Long> entered = new TreeMap<>();
		jdbc.query("SELECT phase, COUNT(*) AS n FROM participation WHERE campaign_id = ? AND phase_changed_at > ? "
				+ "GROUP BY phase", rs -> {
					entered.put(rs.getString("phase"), rs.getLong("n"));
				}, campaignId, Timestamp.from(periodStart));
		return new StatusReport(campaignId, number, periodStart, periodEnd, now, missed, current, overdue,
				changes(previous, current, overdue, entered));
	}

	private static StatusReport.Changes changes(StatusReport previous, CampaignFigures.Figures now,
			List<StatusReport.OverdueOrganisation> overdue, Map<String, Long> entered) {
		CampaignFigures.Figures before = previous == null ? null : previous.figures();
		Map<String, Long> byPhase = new LinkedHashMap<>();
		now.byPhase().forEach((phase, n) -> {
			long delta = n - (before == null ? 0 : before.byPhase().getOrDefault(phase, 0L));
			if (delta != 0) {
				byPhase.put(phase, delta);
			}
		});
		EndpointCounts e = now.endpoints();
		EndpointCounts b = before == null ? EndpointCounts.NONE : before.endpoints();
		EndpointCounts endpoints = new EndpointCounts(e.total() - b.total(), e.banned() - b.banned(),
				e.protectedCount() - b.protectedCount(), e.unprotected() - b.unprotected(), e.stale() - b.stale(),
				e.retired() - b.retired());
		Set<String> overdueBefore = new HashSet<>();
		if (previous != null) {
			previous.overdueOrganisations().forEach(organisation -> overdueBefore.add(organisation.id()));
		}
		Set<String> overdueNow = new HashSet<>();
		overdue.forEach(organisation -> overdueNow.add(organisation.id()));
		List<String> newly = overdue.stream().map(StatusReport.OverdueOrganisation::id)
			.filter(id -> !overdueBefore.contains(id))
			.toList();
		List<String> noLonger = previous == null ? List.of()
				: previous.overdueOrganisations().stream().map(StatusReport.OverdueOrganisation::id)
					.filter(id -> !overdueNow.contains(id))
					.toList();
		return new StatusReport.Changes(previous == null ? null : previous.number(),
				now.organisations() - (before == null ? 0 : before.organisations()), byPhase, endpoints,
				now.overdue() - (before == null ? 0 : before.overdue()), newly, noLonger, entered);
	}

	private void insert(StatusReport report) {
		EndpointCounts e = report.figures().endpoints();
		jdbc.update("INSERT INTO status_report (campaign_id, report_number, period_start, period_end, created_at, "
				+ "missed_intervals, organisations, total, banned, protected_count, unprotected, stale, overdue, content) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", report.campaignId(), report.number(),
				Timestamp.from(report.periodStart()), Timestamp.from(report.periodEnd()),
				Timestamp.from(report.createdAt()), report.missedIntervals(), report.figures().organisations(),
				e.total(), e.banned(), e.protectedCount(), e.unprotected(), e.stale(), report.figures().overdue(),
				write(report));
	}

	/** The event is a summary (the outbox keeps events small); the report itself is at its URL. */
	private static Map<String, Object> event(StatusReport report) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("campaignId", report.campaignId());
		data.put("number", report.number());
		data.put("periodStart", report.periodStart().toString());
		data.put("periodEnd", report.periodEnd().toString());
		data.put("missedIntervals", report.missedIntervals());
		data.put("organisations", report.figures().organisations());
		data.put("byPhase", report.figures().byPhase());
		data.put("endpoints", report.figures().endpoints());
		data.put("overdue", report.figures().overdue());
		data.put("newlyOverdue", report.changes().newlyOverdue().size());
		data.put("noLongerOverdue", report.changes().noLongerOverdue().size());
		data.put("report", "/api/campaigns/" + report.campaignId() + "/reports/" + report.number());
		return data;
	}

	private Integer lastNumber(String campaignId) {
		return jdbc.queryForObject("SELECT MAX(report_number) FROM status_report WHERE campaign_id = ?", Integer.class,
				campaignId);
	}

	/**
	 * The campaign's schedule, created on first use and re-anchored when the interval setting
	 * changed, numbering on from where the old schedule stood. Each statement commits on its own.
	 */
	private Schedule schedule(String campaignId, String interval, Instant now) {
		Optional<Schedule> stored = readSchedule(campaignId);
		if (stored.isEmpty()) {
			try {
				jdbc.update("INSERT INTO status_report_schedule (campaign_id, report_interval, anchor_at, first_number) "
						+ "VALUES (?, ?, ?, 0)", campaignId, interval, Timestamp.from(now.truncatedTo(ChronoUnit.SECONDS)));
			}
			catch (DuplicateKeyException ex) {
				// another node created it a moment ago
			}
			return readSchedule(campaignId).orElseThrow();
		}
		Schedule schedule = stored.get();
		if (!schedule.intervals.interval().equals(interval)) {
			long reached = schedule.firstNumber + schedule.intervals.completed(now);
			Integer last = lastNumber(campaignId);
			long first = Math.max(reached, last == null ? 0 : last);
			jdbc.update("UPDATE status_report_schedule SET report_interval = ?, anchor_at = ?, first_number = ? "
					+ "WHERE campaign_id = ? AND report_interval = ?", interval,
					Timestamp.from(now.truncatedTo(ChronoUnit.SECONDS)), first, campaignId,
					schedule.intervals.interval());
			return readSchedule(campaignId).orElseThrow();
		}
		return schedule;
	}

	private Optional<Schedule> readSchedule(String campaignId) {
		return jdbc.query("SELECT report_interval, anchor_at, first_number FROM status_report_schedule "
				+ "WHERE campaign_id = ?", (rs, n) -> new Schedule(new ReportIntervals(
						rs.getTimestamp("anchor_at").toInstant(), rs.getString("report_interval")),
						rs.getLong("first_number")),
				campaignId).stream().findFirst();
	}

	private String write(StatusReport report) {
		try {
			return json.writeValueAsString(report);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A status report cannot be written as JSON", ex);
		}
	}

	private StatusReport read(String content) {
		try {
			return json.readValue(content, StatusReport.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored status report is not readable JSON", ex);
		}
	}

	private record Schedule(ReportIntervals intervals, long firstNumber) {
	}

}
