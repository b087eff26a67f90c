package nl.phaseout.engine.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.security.SecuritySettings.LoginThrottleSettings;

/**
 * Failed logins slow down whoever makes them: per client address and user name, after a few free
 * attempts each failure blocks that pair for a while, doubling up to a few minutes. Nothing is
 * ever locked for good, and a stranger elsewhere cannot lock a user out: the user's own address
 * is a different pair. In memory, per node: a restart forgets, which is what the time limit does
 * anyway. Camunda's own lock (permanent after ten failures) is switched off by
 * {@link IdentityHardeningPlugin}.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/** Beyond this many pairs, forgotten ones are swept out before a new one is added. */
	static final int MAX_ENTRIES = 100_000;

	private final LoginThrottleSettings settings;

	private final Clock clock;

	private final Map<Key, Failures> failures = new ConcurrentHashMap<>();

	@Autowired
	LoginThrottle(SecuritySettings settings) {
		this(settings.loginThrottle(), Clock.systemUTC());
	}

	LoginThrottle(LoginThrottleSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	private record Key(String client, String user) {

		static Key of(String client, String user) {
			return new Key(client == null ? "" : client, user == null ? "" : user.toLowerCase(Locale.ROOT));
		}

	}

	private record Failures(int count, Instant last, Instant blockedUntil) {
	}

	/** How much longer this client must wait before trying this user again; empty when it may try now. */
	Optional<Duration> blocked(String client, String user) {
		Failures known = failures.get(Key.of(client, user));
		Instant now = clock.instant();
		if (known == null || !known.blockedUntil().isAfter(now)) {
			return Optional.empty();
		}
		Duration wait = Duration.between(now, known.blockedUntil());
		return Optional.of(wait.isZero() ? Duration.ofMillis(1) : wait);
	}

	void failed(String client, String user) {
		Instant now = clock.instant();
		if (failures.size() >= MAX_ENTRIES) {
			failures.values().removeIf(entry -> forgotten(entry, now));
		}
		Failures after = failures.compute(Key.of(client, user), (key, before) -> {
			int count = before == null || forgotten(before, now) ? 1 : before.count() + 1;
			return new Failures(count, now, now.plus(delay(count)));
		});
		if (after.count() > settings.freeAttempts()) {
			log.warn("Login of user '{}' from {} failed {} times in a row: blocked for {}", printable(user), client,
					after.count(), delay(after.count()));
		}
	}

	void succeeded(String client, String user) {
		failures.remove(Key.of(client, user));
	}

	/** Nothing for the free attempts, then the first delay, doubling up to the maximum. */
	Duration delay(int failureCount) {
		int beyond = failureCount - settings.freeAttempts();
		if (beyond <= 0) {
			return Duration.ZERO;
		}
		Duration delay = settings.firstDelay();
		for (int i = 1; i < beyond && delay.compareTo(settings.maxDelay()) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
	}

	/** A user name as typed may hold anything, line breaks too: not into the log as it is. */
	private static String printable(String user) {
		return user == null ? "" : user.codePoints()
			.limit(100)
			.map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

	private boolean forgotten(Failures entry, Instant now) {
		return !entry.blockedUntil().isAfter(now) && entry.last().plus(settings.forgetAfter()).isBefore(now);
	}

}
