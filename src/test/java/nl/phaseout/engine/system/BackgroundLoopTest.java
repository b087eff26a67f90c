package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

	@Test
	void stoppingLetsTheRoundInProgressFinishUninterruptedAndBeginsNoOther() throws Exception {
		CountDownLatch inRound = new CountDownLatch(1);
		CountDownLatch mayFinish = new CountDownLatch(1);
		AtomicBoolean finished = new AtomicBoolean();
		AtomicBoolean interrupted = new AtomicBoolean();
		loop = new BackgroundLoop("test-loop", Duration.ZERO, () -> {
			rounds.incrementAndGet();
			inRound.countDown();
			try {
				mayFinish.await();
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
				return false;
			}
			finished.set(true);
			return true;
		});
		loop.start();
		loop.wake();
		assertThat(inRound.await(3, TimeUnit.SECONDS)).isTrue();

		Thread stopping = new Thread(loop::stop);
		stopping.start();
		await().atMost(Duration.ofSeconds(3)).until(() -> !loop.isRunning());
		assertThat(stopping.isAlive()).as("stop waits for the round in progress").isTrue();
		mayFinish.countDown();
		stopping.join(5000);

		assertThat(stopping.isAlive()).isFalse();
		assertThat(interrupted).isFalse();
		assertThat(finished).isTrue();
		assertThat(rounds).as("no round after the one in progress, though it said more was waiting").hasValue(1);
	}

}
