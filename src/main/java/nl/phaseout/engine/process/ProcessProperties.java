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
 * @param round how many organisations a worker delivers in one transaction at most (its round): a
 * commit is shared by them. Unset, it depends on the database ({@link SignalWorker#round}): 100 on
 * PostgreSQL; 25 on H2, whose page cache (16 MB) must still hold the pages a round changed when it
 * commits, or the commit reads them again from the file (a round of 100 on H2 cost a quarter more CPU
 * an advancement than one of 25, and twice the garbage collection).
 */
@ConfigurationProperties("phaseout.process")
public record ProcessProperties(Integer workers, Integer round) {

	static final int MOST_BY_DEFAULT = 4;

	public ProcessProperties {
		if (workers == null) {
			workers = Math.min(MOST_BY_DEFAULT, Runtime.getRuntime().availableProcessors());
		}
		if (workers < 1) {
			throw new IllegalArgumentException("phaseout.process.workers must be at least 1, not " + workers);
		}
		if (round != null && round < 1) {
			throw new IllegalArgumentException("phaseout.process.round must be at least 1, not " + round);
		}
	}

}
