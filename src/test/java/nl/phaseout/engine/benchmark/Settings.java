package nl.phaseout.engine.benchmark;

/**
 * The benchmark's sizes, from {@code -Dbenchmark.scale} (1 is the full run: 1,000 organisations
 * of 1,000 endpoints, 10,000 registered organisations) and {@code -Dbenchmark.db} ({@code h2} or
 * {@code postgres}).
 */
record Settings(double scale, String db, int organisations, int endpointsPerOrganisation, int registered,
		int latencyOrganisations, int naiveEvents, int eventsPerSecond, String postgresUrl) {

	static Settings fromSystemProperties() {
		return of(Double.parseDouble(System.getProperty("benchmark.scale", "1")),
				System.getProperty("benchmark.db", "h2"));
	}

	static Settings of(double scale, String db) {
		if (!db.equals("h2") && !db.equals("postgres")) {
			throw new IllegalArgumentException("benchmark.db is h2 or postgres, not '" + db + "'");
		}
		int organisations = atLeast(2, 1000 * scale);
		int endpoints = atLeast(2, 1000 * scale);
		int latency = atLeast(5, 1000 * Math.min(1, scale * 10));
		int naive = atLeast(100, 10_000 * scale);
		int registered = Math.max(atLeast(20, 10_000 * scale), organisations + latency + naiveOrganisations(naive,
				endpoints));
		return new Settings(scale, db, organisations, endpoints, registered, latency, naive, 1000,
				System.getProperty("benchmark.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
	}

	int throughputEvents() {
		return organisations * (endpointsPerOrganisation + 1);
	}

	int naiveOrganisations() {
		return naiveOrganisations(naiveEvents, endpointsPerOrganisation);
	}

	private static int naiveOrganisations(int naiveEvents, int endpoints) {
		return (naiveEvents + endpoints - 1) / endpoints;
	}

	private static int atLeast(int minimum, double value) {
		return Math.max(minimum, (int) Math.round(value));
	}

}
