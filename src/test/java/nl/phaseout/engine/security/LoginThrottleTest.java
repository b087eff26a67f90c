package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import nl.phaseout.engine.security.SecuritySettings.LoginThrottleSettings;

/** Failed logins cost time, more for each, never for good, and only to whoever fails. */
@Tag("security")
class LoginThrottleTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(
			new LoginThrottleSettings(3, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15)), clock);

	@Test
	void theFirstFailuresAreFreeThenEachBlocksTheClientForLonger() {
		failTimes(3);
		assertThat(throttle.blocked("10.0.0.1", "jan")).isEmpty();

		throttle.failed("10.0.0.1", "jan");
		assertThat(throttle.blocked("10.0.0.1", "jan")).contains(Duration.ofSeconds(1));

		clock.advance(Duration.ofSeconds(1));
		throttle.failed("10.0.0.1", "jan");
		assertThat(throttle.blocked("10.0.0.1", "jan")).contains(Duration.ofSeconds(2));
	}

	@Test
	void theDelayStopsGrowingAtTheMaximumAndEnds() {
		for (int i = 0; i < 40; i++) {
			throttle.failed("10.0.0.1", "jan");
		}
		assertThat(throttle.blocked("10.0.0.1", "jan")).contains(Duration.ofMinutes(5));

		clock.advance(Duration.ofMinutes(5));
		assertThat(throttle.blocked("10.0.0.1", "jan")).as("never for good").isEmpty();
	}

	@Test
	void anotherClientOrAnotherUserIsNotHeldUp() {
		failTimes(10);

		assertThat(throttle.blocked("10.0.0.1", "jan")).isPresent();
		assertThat(throttle.blocked("10.0.0.2", "jan")).as("the user from elsewhere").isEmpty();
		assertThat(throttle.blocked("10.0.0.1", "fatima")).isEmpty();
	}

	@Test
	void theUserNameIsMatchedWithoutRegardToCase() {
		failTimes(4);

		assertThat(throttle.blocked("10.0.0.1", "JAN")).isPresent();
	}

	@Test
	void aSuccessOrQuietTimeClearsTheCount() {
		failTimes(3);
		throttle.succeeded("10.0.0.1", "jan");
		throttle.failed("10.0.0.1", "jan");
		assertThat(throttle.blocked("10.0.0.1", "jan")).as("counted from one again").isEmpty();

		failTimes(2);
		clock.advance(Duration.ofMinutes(16));
		throttle.failed("10.0.0.1", "jan");
		assertThat(throttle.blocked("10.0.0.1", "jan")).as("forgotten after a quiet quarter").isEmpty();
	}

	private void failTimes(int times) {
		for (int i = 0; i < times; i++) {
			throttle.failed("10.0.0.1", "jan");
		}
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
