package nl.phaseout.engine.process;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the process hears its signals, under {@code phaseout.process}.
 *
 * @param workers how many threads of this node deliver signals ({@link SignalWorker}); the
 * organisations are split among them, so one organisation's signals keep their order. Each
 * holds a database connection while it delivers a round: keep it well below the pool's size.
 */
@ConfigurationProperties("phaseout.process")
public record ProcessProperties(@DefaultValue("4") int workers) {

	public ProcessProperties {
		if (workers < 1) {
			throw new IllegalArgumentException("phaseout.process.workers must be at least 1, not " + workers);
		}
	}

}
