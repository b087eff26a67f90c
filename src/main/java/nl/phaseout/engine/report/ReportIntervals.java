package nl.phaseout.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * A campaign's report intervals, counted from a fixed anchor: interval n (from 1) ends at
 * anchor + n x interval. With time (PT5M) the interval is exact; with days, months or years
 * (P30D, P1M) it is calendar arithmetic in UTC, as the campaign's deadlines are.
 */
record ReportIntervals(Instant anchor, String interval) {

	/** How many whole intervals have ended from the anchor to {@code now}. */
	long completed(Instant now) {
		if (!now.isAfter(anchor)) {
			return 0;
		}
		if (interval.contains("T")) {
			Duration length = Duration.parse(interval);
			return Duration.between(anchor, now).toMillis() / length.toMillis();
		}
		Period period = Period.parse(interval);
		double approximateDays = period.toTotalMonths() * 30.436875 + period.getDays();
		long n = Math.max(0, (long) (Duration.between(anchor, now).toSeconds() / 86_400d / approximateDays) - 1);
		while (!end(n + 1).isAfter(now)) {
			n++;
		}
		while (n > 0 && end(n).isAfter(now)) {
			n--;
		}
		return n;
	}

	/** When interval n ends (interval 0 "ends" at the anchor). */
	Instant end(long n) {
		if (interval.contains("T")) {
			return anchor.plus(Duration.parse(interval).multipliedBy(n));
		}
		Period period = Period.parse(interval);
		return anchor.atZone(ZoneOffset.UTC)
			.plusYears(period.getYears() * n)
			.plusMonths(period.getMonths() * n)
			.plusDays(period.getDays() * n)
			.toInstant();
	}

}
