package nl.phaseout.engine.benchmark;

/**
 * The benchmark's sizes, from {@code -Dbenchmark.scale} (1 is the full run: 500 organisations of 1,000
 * endpoints, 5,600 registered organisations, 2,000 in the advancement burst after a first wave of 1,000),
 * {@code -Dbenchmark.db} ({@code h2} or {@code postgres}), {@code -Dbenchmark.latency.observations},
 * {@code -Dbenchmark.runs} (each figure is measured that many times, each run in a JVM of its own on a fresh data directory and database) and
 * {@code -Dbenchmark.campaigns} (active campaigns, each classifying every observation and running a process per
 * organisation).
 */
record Settings(double scale, String db, int runs, int organisations, int endpointsPerOrganisation, int registered,
		int latencyOrganisations, int latencyObservations, int naiveEvents, int naiveAtDensityOrganisations,
		int eventsPerSecond, int burstOrganisations, String postgresUrl, int campaigns) {

	/**
	 * Observations per latency organisation before its scan, by default 4: one event in five crosses a
	 * threshold, 200 process advancements a second at 1,000 events/s, the load issue 23's latency target is
	 * set at. (A full scan of the throughput workload has one in 1,001.)
	 */
	static final int LATENCY_OBSERVATIONS = 4;

	static final int RUNS = 3;

	static Settings fromSystemProperties() {
		return of(Double.parseDouble(System.getProperty("benchmark.scale", "1")),
				System.getProperty("benchmark.db", "h2"),
				Integer.parseInt(System.getProperty("benchmark.latency.observations", "" + LATENCY_OBSERVATIONS)),
				Integer.parseInt(System.getProperty("benchmark.runs", "" + RUNS)),
				Integer.parseInt(System.getProperty("benchmark.campaigns", "1")));
	}

	static Settings of(double scale, String db) {
		return of(scale, db, LATENCY_OBSERVATIONS, 1, 1);
	}

	static Settings of(double scale, String db, int latencyObservations, int runs, int campaigns) {
		if (!db.equals("h2") && !db.equals("postgres")) {
			throw new IllegalArgumentException("benchmark.db is h2 or postgres, not '" + db + "'");
		}
		if (runs < 1) {
			throw new IllegalArgumentException("benchmark.runs is at least 1, not " + runs);
		}
		if (campaigns < 1 || campaigns > 2) {
			throw new IllegalArgumentException("benchmark.campaigns is 1 or 2, not " + campaigns);
		}
		// Sized so that three full runs, start-up measurements included, finish in about 15 minutes on 2 cores.
		int organisations = atLeast(2, 500 * scale);
		int endpoints = atLeast(2, 1000 * scale);
		int latency = atLeast(5, 1000 * Math.min(1, scale * 10));
		int naive = atLeast(100, 5_000 * scale);
		int naiveAtDensity = atLeast(2, 100 * scale);
		int naiveOrganisations = Math.max(naiveAtDensity, (naive + endpoints - 1) / endpoints);
		int burst = atLeast(10, 2000 * Math.min(1, scale * 10));
		int registered = Math.max(atLeast(20, 5_000 * scale),
				organisations + 2 * latency + naiveOrganisations + burst + warmUpOrganisations(burst));
		return new Settings(scale, db, runs, organisations, endpoints, registered, latency, latencyObservations, naive,
				naiveAtDensity, 1000, burst,
				System.getProperty("benchmark.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"), campaigns);
	}

	/**
	 * The latency run's organisations: as many again as it measures go first, at the same rate,
	 * so that what is measured is the steady state (a warm JIT, a queue if there is one), not the start.
	 */
	int latencyOrganisationsInAll() {
		return 2 * latencyOrganisations;
	}

	/**
	 * The advancement run's first wave, not measured: half as many organisations as the burst go through the same
	 * steps first, so that the burst meets the warm JVM of a node that has run for a while (as issue 23's
	 * measurement from outside did with a first wave of 600 scans), not the JIT compiling the step as it runs.
	 */
	int warmUpOrganisations() {
		return warmUpOrganisations(burstOrganisations);
	}

	private static int warmUpOrganisations(int burst) {
		return Math.max(5, Integer.getInteger("benchmark.warmup", burst / 2));
	}

	int throughputEvents() {
		return organisations * (endpointsPerOrganisation + 1);
	}

	/** The naive baseline's organisations: enough for its events one per endpoint, and for its run at density. */
	int naiveOrganisations() {
		return Math.max(naiveAtDensityOrganisations, (naiveEvents + endpointsPerOrganisation - 1)
				/ endpointsPerOrganisation);
	}

	/** The naive run at the throughput workload's density: each organisation's observations, then its scan. */
	int naiveAtDensityEvents() {
		return naiveAtDensityOrganisations * (endpointsPerOrganisation + 1);
	}

	private static int atLeast(int minimum, double value) {
		return Math.max(minimum, (int) Math.round(value));
	}

}
