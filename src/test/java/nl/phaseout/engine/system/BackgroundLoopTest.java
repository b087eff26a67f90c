package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

	private final AtomicInteger rounds = new AtomicInteger();

	private BackgroundLoop loop;

	@AfterEach
	void stop() {
		if (loop != null) {
			loop.stop();
		}
	}

	@Test
	void aWakeUpRunsARoundWithoutWaitingForTheSecond() {
		loop = new BackgroundLoop("test-loop", Duration.ZERO, () -> {
			rounds.incrementAndGet();
			return false;
		});
		loop.start();
		await().atMost(Duration.ofSeconds(3)).until(() -> rounds.get() >= 1);
		int before = rounds.get();

		loop.wake();

		await().atMost(Duration.ofMillis(500)).until(() -> rounds.get() > before);
	}

	@Test
	void aRoundThatSaysMoreIsWaitingIsFollowedAtOnce() {
		loop = new BackgroundLoop("test-loop", Duration.ZERO, () -> rounds.incrementAndGet() < 5);
		loop.start();

		loop.wake();

		await().atMost(Duration.ofMillis(500)).until(() -> rounds.get() >= 5);
	}

	@Test
	void aFailingRoundIsTriedAgainAndStopEndsTheThread() {
		loop = new BackgroundLoop("test-loop", Duration.ZERO, () -> {
			if (rounds.incrementAndGet() == 1) {
				throw new IllegalStateException("database down");
			}
			return false;
		});
		loop.start();
		loop.wake();

		await().atMost(Duration.ofSeconds(3)).until(() -> rounds.get() >= 2);
		loop.stop();

		assertThat(loop.isRunning()).isFalse();
		int after = rounds.get();
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> rounds.get() == after);
	}

}
