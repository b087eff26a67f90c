package nl.phaseout.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nl.phaseout.engine.campaign.Campaign;

/** The office's queries and the exactly-once status reports, on a real database (H2 or PostgreSQL). */
abstract class ReportingContract {

	static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

	abstract ReportingFixture fixture();

	private Campaign campaign(String interval) {
		String id = fixture().campaign(interval);
		return new Campaign(id, "Campaign " + id, null, "phaseout-applicability", "phaseout-product-classification",
				Map.of(), interval, false, java.util.List.of("kaspersky"));
	}

	@Test
	void twoNodesRacingStoreExactlyOneReportPerInterval() throws Exception {
		Campaign campaign = campaign("PT1H");
		ReportingFixture nodeA = fixture();
		ReportingFixture nodeB = fixture().node();
		nodeA.organisation(campaign.id(), "ORG-1", "Een", "CENTRAL_GOVERNMENT", "INVENTORY", T0, null);
		assertThat(nodeA.reports.writeDue(campaign, T0)).isEmpty(); // anchors the schedule at T0
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			int won = 0;
			for (int interval = 1; interval <= 10; interval++) {
				Instant now = T0.plus(Duration.ofHours(interval)).plusSeconds(1);
				CyclicBarrier start = new CyclicBarrier(2);
				Future<Optional<Integer>> a = threads.submit(() -> {
					start.await();
					return nodeA.reports.writeDue(campaign, now);
				});
				Future<Optional<Integer>> b = threads.submit(() -> {
					start.await();
					return nodeB.reports.writeDue(campaign, now);
				});
				List<Integer> written = new ArrayList<>();
				a.get(30, TimeUnit.SECONDS).ifPresent(written::add);
				b.get(30, TimeUnit.SECONDS).ifPresent(written::add);
				assertThat(written).as("interval %d", interval).containsExactly(interval);
				won++;
			}
			assertThat(won).isEqualTo(10);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(nodeA.reports.list(campaign.id(), 0, 100)).extracting(StatusReport.Summary::number)
			.containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
		assertThat(nodeA.outboxEvents(campaign.id())).isEqualTo(10);
	}

	@Test
	void aRestartedNodeReportsAMissedStretchOnceAndNumbersOn() {
		Campaign campaign = campaign("PT1H");
		ReportingFixture before = fixture();
		before.reports.writeDue(campaign, T0);
		assertThat(before.reports.writeDue(campaign, T0.plus(Duration.ofMinutes(61)))).contains(1);
		assertThat(before.reports.writeDue(campaign, T0.plus(Duration.ofMinutes(121)))).contains(2);

		// The engine is down from 02:01 to 05:10; a fresh node (nothing in memory) starts.
		ReportingFixture after = fixture().node();
		assertThat(after.reports.writeDue(campaign, T0.plus(Duration.ofMinutes(125)))).isEmpty();
		assertThat(after.reports.writeDue(campaign, T0.plus(Duration.ofMinutes(310)))).contains(5);
		assertThat(after.reports.writeDue(campaign, T0.plus(Duration.ofMinutes(311)))).isEmpty();
		assertThat(after.reports.writeDue(campaign, T0.plus(Duration.ofMinutes(359)))).isEmpty();

		StatusReport fifth = after.reports.find(campaign.id(), 5).orElseThrow();
		assertThat(fifth.missedIntervals()).isEqualTo(2);
		assertThat(fifth.periodStart()).isEqualTo(T0.plus(Duration.ofHours(2)));
		assertThat(fifth.periodEnd()).isEqualTo(T0.plus(Duration.ofHours(5)));
		assertThat(fifth.changes().since()).isEqualTo(2);
		assertThat(after.outboxEvents(campaign.id())).isEqualTo(3);
	}

	@Test
	void aChangedIntervalNumbersOnFromTheLastReport() {
		Campaign hourly = campaign("PT1H");
		ReportingFixture node = fixture();
		node.reports.writeDue(hourly, T0);
		node.reports.writeDue(hourly, T0.plus(Duration.ofMinutes(61)));
		Campaign daily = new Campaign(hourly.id(), hourly.name(), null, hourly.applicabilityDecision(),
				hourly.classificationDecision(), hourly.deadlines(), "P1D", false, hourly.vendors());
		Instant later = T0.plus(Duration.ofMinutes(90));
		assertThat(node.reports.writeDue(daily, later)).isEmpty();
		assertThat(node.reports.writeDue(daily, later.plus(Duration.ofDays(1)))).contains(2);
	}

	@Test
	void aReportListsTheOverdueAndWhatChangedSinceTheOneBefore() {
		Campaign campaign = campaign("PT1H");
		ReportingFixture node = fixture();
		node.organisation(campaign.id(), "LATE", "Te laat", "CENTRAL_GOVERNMENT", "INVENTORY", T0,
				T0.plus(Duration.ofMinutes(30)));
		node.organisation(campaign.id(), "ONTIME", "Op tijd", "CENTRAL_GOVERNMENT", "CONTRACT_REVIEW", T0,
				T0.plus(Duration.ofMinutes(30)));
		node.counts(campaign.id(), "LATE", 10, 4, 6, 0);
		node.reports.writeDue(campaign, T0);
		node.reports.writeDue(campaign, T0.plus(Duration.ofMinutes(61)));
		StatusReport first = node.reports.find(campaign.id(), 1).orElseThrow();
		assertThat(first.overdueOrganisations()).extracting(StatusReport.OverdueOrganisation::id)
			.containsExactly("LATE");
		assertThat(first.figures().overdue()).isEqualTo(1);
		assertThat(first.figures().endpoints().banned()).isEqualTo(4);
		assertThat(first.changes().newlyOverdue()).containsExactly("LATE");

		node.phase(campaign.id(), "LATE", "CONTRACT_REVIEW", T0.plus(Duration.ofMinutes(70)));
		node.reports.writeDue(campaign, T0.plus(Duration.ofMinutes(121)));
		StatusReport second = node.reports.find(campaign.id(), 2).orElseThrow();
		assertThat(second.overdueOrganisations()).isEmpty();
		assertThat(second.changes().noLongerOverdue()).containsExactly("LATE");
		assertThat(second.changes().byPhase()).containsEntry("INVENTORY", -1L).containsEntry("CONTRACT_REVIEW", 1L);
		assertThat(second.changes().enteredPhase()).containsEntry("CONTRACT_REVIEW", 1L);
		assertThat(second.changes().overdue()).isEqualTo(-1);
		assertThat(ReportsController.csv(second)).contains("phase,INVENTORY,0,-1").contains("noLongerOverdue,LATE");
	}

	@Test
	void theTableFiltersSortsAndPagesInTheDatabase() {
		String campaign = fixture().campaign("P30D");
		ReportingFixture node = fixture();
		Instant now = T0.plus(Duration.ofDays(10));
		for (int i = 0; i < 12; i++) {
			node.organisation(campaign, String.format("ORG-%02d", i), "Organisatie " + i,
					i % 2 == 0 ? "CENTRAL_GOVERNMENT" : "MUNICIPALITY", i % 3 == 0 ? "INVENTORY" : "ROLLOUT",
					T0.plus(Duration.ofDays(i % 5)), i % 4 == 0 ? T0.plus(Duration.ofDays(3)) : null);
			node.counts(campaign, String.format("ORG-%02d", i), 10 + i, i, 10, 0);
		}
		node.organisation(campaign, "50%_OFF", "Korting_bv", "OTHER", "NOT_REQUIRED", T0, null);
		node.scan("ORG-03", "scan-old", T0);
		node.scan("ORG-03", "scan-new", T0.plus(Duration.ofDays(1)));

		CampaignOrganisations.Page page = node.organisations.page(campaign,
				OrganisationQuery.parse(null, null, null, null, "1", "5", "-banned"), Scope.all(), now);
		assertThat(page.total()).isEqualTo(13);
		assertThat(page.pages()).isEqualTo(3);
		assertThat(page.organisations()).extracting(OrganisationRow::id)
			.containsExactly("ORG-06", "ORG-05", "ORG-04", "ORG-03", "ORG-02");
		OrganisationRow three = page.organisations().get(3);
		assertThat(three.lastScan().scanId()).isEqualTo("scan-new");
		assertThat(three.endpoints().banned()).isEqualTo(3);
		assertThat(three.daysInPhase()).isEqualTo(7);
		assertThat(three.applicability()).isEqualTo("MANDATORY");

		// Overdue: the inventory deadline (day 3) passed while still in INVENTORY: ORG-00 only (ORG-04 and -08 are in ROLLOUT).
		CampaignOrganisations.Page overdue = node.organisations.page(campaign,
				OrganisationQuery.parse(null, null, "true", null, null, null, null), Scope.all(), now);
		assertThat(overdue.organisations()).extracting(OrganisationRow::id).containsExactly("ORG-00");
		assertThat(overdue.organisations().get(0).overdueMilestones()).singleElement()
			.satisfies(m -> assertThat(m.milestone()).isEqualTo("inventory"))
			.satisfies(m -> assertThat(m.daysLate()).isEqualTo(7));
		assertThat(node.figures.figures(campaign, Scope.all(), now).overdue()).isEqualTo(1);

		assertThat(node.organisations.page(campaign,
				OrganisationQuery.parse("ROLLOUT", "MUNICIPALITY", null, null, null, null, "-daysInPhase"), Scope.all(),
				now).organisations()).extracting(OrganisationRow::id).containsExactly("ORG-05", "ORG-01", "ORG-11", "ORG-07");
		// A % or _ typed in the search box is a character, not a wildcard.
		assertThat(node.organisations.page(campaign, OrganisationQuery.parse(null, null, null, "50%_", null, null, null),
				Scope.all(), now).organisations()).extracting(OrganisationRow::id).containsExactly("50%_OFF");
		assertThat(node.organisations.page(campaign,
				OrganisationQuery.parse(null, null, null, "organisatie 1", null, null, "name"), Scope.all(), now)
			.organisations()).extracting(OrganisationRow::id).containsExactly("ORG-01", "ORG-10", "ORG-11");
		assertThat(node.organisations.page(campaign, OrganisationQuery.FIRST_PAGE, Scope.ofGroups(List.of("pm-org-07")),
				now).organisations()).extracting(OrganisationRow::id).containsExactly("ORG-07");

		CampaignFigures.Figures figures = node.figures.figures(campaign, Scope.all(), now);
		assertThat(figures.organisations()).isEqualTo(13);
		assertThat(figures.byPhase()).containsEntry("INVENTORY", 4L).containsEntry("ROLLOUT", 8L)
			.containsEntry("PHASED_OUT", 0L).hasSize(12);
		assertThat(figures.endpoints().banned()).isEqualTo(66);
	}

	@Test
	void deadlinesApplyOnlyOnceTheOrganisationIsHeldToThem() {
		String campaign = fixture().campaign("P30D");
		ReportingFixture node = fixture();
		Instant due = T0.plus(Duration.ofDays(1));
		Instant now = T0.plus(Duration.ofDays(3));
		node.organisation(campaign, "D-LATE", "Te laat", "CENTRAL_GOVERNMENT", "INVENTORY", T0, due);
		node.organisation(campaign, "D-DECIDING", "Beslist nog", "VITAL_PROVIDER", "DECISION", T0, due);
		node.organisation(campaign, "D-DECLINED", "Volgt het advies niet", "VITAL_PROVIDER", "DECLINED", T0, due);
		node.organisation(campaign, "D-STARTING", "Net begonnen", "CENTRAL_GOVERNMENT", "APPLICABILITY", T0, due);
		node.organisation(campaign, "D-EXEMPT", "Niet verplicht", "MUNICIPALITY", "NOT_REQUIRED", T0, due);

		assertThat(node.organisations.page(campaign, OrganisationQuery.parse(null, null, "true", null, null, null, null),
				Scope.all(), now).organisations()).extracting(OrganisationRow::id).containsExactly("D-LATE");
		assertThat(node.figures.figures(campaign, Scope.all(), now).overdue()).isEqualTo(1);
		assertThat(node.organisations.find(campaign, "D-DECIDING", Scope.all(), now).orElseThrow())
			.satisfies(row -> assertThat(row.overdueMilestones()).isEmpty())
			.satisfies(row -> assertThat(row.heldToDeadlines()).isFalse());
		assertThat(node.organisations.find(campaign, "D-DECLINED", Scope.all(), now).orElseThrow())
			.satisfies(row -> assertThat(row.outOfScope()).isTrue())
			.satisfies(row -> assertThat(row.reached("inventory")).isFalse());
		// the dashboard's order: overdue first, then by id
		assertThat(node.organisations.page(campaign, OrganisationQuery.parse(null, null, null, null, null, null, null,
				null, OrganisationQuery.OVERDUE_FIRST), Scope.all(), now).organisations()).extracting(OrganisationRow::id)
			.containsExactly("D-LATE", "D-DECIDING", "D-DECLINED", "D-EXEMPT", "D-STARTING");
	}

	@Test
	void theEndpointFiguresLeadToTheOrganisationsInScopeBehindThem() {
		String campaign = fixture().campaign("P30D");
		ReportingFixture node = fixture();
		Instant now = T0.plus(Duration.ofDays(1));
		node.organisation(campaign, "E-BANNED", "Verboden", "CENTRAL_GOVERNMENT", "ROLLOUT", T0, null);
		node.organisation(campaign, "E-GAP", "Gat", "CENTRAL_GOVERNMENT", "ROLLOUT", T0, null);
		node.organisation(campaign, "E-DONE", "Klaar", "CENTRAL_GOVERNMENT", "PHASED_OUT", T0, null);
		node.organisation(campaign, "E-DECLINED", "Volgt het advies niet", "VITAL_PROVIDER", "DECLINED", T0, null);
		node.counts(campaign, "E-BANNED", 5, 2, 3, 0);
		node.counts(campaign, "E-GAP", 4, 0, 3, 1);
		node.counts(campaign, "E-DONE", 3, 0, 3, 0);
		node.counts(campaign, "E-DECLINED", 7, 7, 0, 0);

		java.util.function.Function<String, List<String>> behind = endpoints -> node.organisations
			.page(campaign, OrganisationQuery.parse(null, null, null, endpoints, null, null, null, null, "id"), Scope.all(),
					now)
			.organisations()
			.stream()
			.map(OrganisationRow::id)
			.toList();
		assertThat(behind.apply("banned")).containsExactly("E-BANNED");
		assertThat(behind.apply("unprotected")).containsExactly("E-GAP");
		assertThat(behind.apply("protected")).containsExactly("E-BANNED", "E-DONE", "E-GAP");
		assertThat(behind.apply("any")).containsExactly("E-BANNED", "E-DONE", "E-GAP");
		assertThat(node.figures.figures(campaign, Scope.all(), now).endpoints().banned()).isEqualTo(2);
		assertThatThrownBy(() -> OrganisationQuery.parse(null, null, null, "some", null, null, null, null, "id"))
			.isInstanceOf(InvalidQueryException.class)
			.hasMessageContaining("endpoints 'some'")
			.satisfies(ex -> assertThat(((InvalidQueryException) ex).problems()).singleElement()
				.satisfies(p -> assertThat(p.parameter()).isEqualTo("endpoints")));
	}

	@Test
	void aBadParameterIsNamed() {
		assertThatThrownBy(() -> OrganisationQuery.parse("LATE", "TOWN", "maybe", null, "-1", "501", "colour"))
			.isInstanceOf(InvalidQueryException.class)
			.hasMessageContaining("phase 'LATE'")
			.hasMessageContaining("category 'TOWN'")
			.hasMessageContaining("overdue 'maybe'")
			.hasMessageContaining("page must be")
			.hasMessageContaining("size must be from 1 to 500")
			.hasMessageContaining("sort 'colour'");
	}

	@Test
	void todaysTimelinePointIsRewrittenAndPastDaysStay() {
		String campaign = fixture().campaign("P30D");
		ReportingFixture node = fixture();
		node.organisation(campaign, "DAY-1", "Een", "CENTRAL_GOVERNMENT", "ROLLOUT", T0, null);
		node.counts(campaign, "DAY-1", 10, 5, 5, 0);
		LocalDate day1 = LocalDate.of(2026, 11, 1);
		node.timeline.record(campaign, day1, node.figures.figures(campaign, Scope.all(), T0), T0);
		node.jdbc.update("UPDATE inv_endpoint_counts SET banned = 2, protected_count = 8 WHERE organisation_id = 'DAY-1'");
		node.node().timeline.record(campaign, day1.plusDays(1), node.figures.figures(campaign, Scope.all(), T0), T0);
		node.timeline.record(campaign, day1.plusDays(1), node.figures.figures(campaign, Scope.all(), T0), T0);
		assertThat(node.timeline.points(campaign, null)).extracting(CampaignTimeline.Point::date,
				CampaignTimeline.Point::banned)
			.containsExactly(tuple(day1, 5L),
					tuple(day1.plusDays(1), 2L));
	}

}
