package nl.phaseout.engine.process;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the process hears its signals, under {@code phaseout.process}.
 *
 * @param workers how many threads of this node deliver signals ({@link SignalWorker}); the
 * organisations are split among them, so one organisation's signals keep their order. Each
 * holds a database connection while it delivers a round: keep it well below the pool's size.
 * By default as many as the node has processors, at most {@value #MOST_BY_DEFAULT}: delivering is
 * work for the processor (Camunda's step, the database's writes), and threads beyond the
 * processors only wait for each other (on two cores, four workers cost 10 to 20 % more CPU an
 * advancement than two).
 */
@ConfigurationProperties("phaseout.process")
public record ProcessProperties(Integer workers) {

	static final int MOST_BY_DEFAULT = 4;

	public ProcessProperties {
		if (workers == null) {
			workers = Math.min(MOST_BY_DEFAULT, Runtime.getRuntime().availableProcessors());
		}
		if (workers < 1) {
			throw new IllegalArgumentException("phaseout.process.workers must be at least 1, not " + workers);
		}
	}

}
