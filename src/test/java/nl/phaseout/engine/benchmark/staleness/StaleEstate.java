package nl.phaseout.engine.benchmark.staleness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import javax.sql.DataSource;

/**
 * The estate the benchmark loads: organisations {@code S00000...}, their sizes, clocks and endpoints, each
 * endpoint's products and observation time derived from its organisation and number alone, so that the loader
 * and the event stream agree. The first 100 organisations are the small database: three stream sets of 30
 * with the same sizes (one of 10,000 endpoints, four of 1,000, 25 of 100, at full scale), one organisation
 * silent for 30 days (the clock jump) and nine ordinary ones. The rest share what is left of the endpoints:
 * one in a hundred has 2,000, the others about 77 each, give or take 60.
 *
 * <p>Clocks (each organisation's latest observation, its inventory clock) lie 10 to 12 days before the run;
 * observations before them: six in ten within a week, a quarter 7 to 13.5 days, a tenth within half a day of
 * {@code staleAfter} (14 days) on either side, one in twenty 14.5 to 40 days (stale). Three in ten
 * organisations run Kaspersky on seven in ten endpoints (banned); three endpoints in a hundred have no active
 * antivirus.
 */
final class StaleEstate {

	static final String CAMPAIGN = "kaspersky-av-2018";

	static final Duration STALE_AFTER = Duration.ofDays(14);

	static final int SMALL = 100;

	static final int SET = 30;

	static final int JUMP = 90;

	private static final String KASPERSKY = "{\"vendor\":\"Kaspersky\",\"name\":\"Kaspersky Endpoint Security\","
			+ "\"version\":\"11.11\",\"category\":\"antivirus\",\"state\":\"active\"}";

	private static final String[][] OTHERS = { { "Microsoft", "Microsoft Defender Antivirus", "4.18" },
			{ "Sophos", "Sophos Intercept X", "2023.2" }, { "ESET", "ESET Endpoint Security", "10.1" } };

	private static final String[] CATEGORIES = { "CENTRAL_GOVERNMENT", "VITAL_PROVIDER", "SECURITY_SUPPLIER",
			"PROVINCE", "MUNICIPALITY", "OTHER" };

	private final int[] sizes;

	private final Instant[] clocks;

	final Instant start;

	StaleEstate(double scale, Instant start) {
		this.start = start;
		int organisations = Math.max(SMALL * 2, (int) Math.round(10_000 * scale));
		long endpoints = Math.round(1_000_000 * scale);
		int big = Math.max(20, (int) Math.round(10_000 * scale));
		int mid = Math.max(10, (int) Math.round(1_000 * scale));
		int small = Math.max(5, (int) Math.round(100 * scale));
		sizes = new int[organisations];
		clocks = new Instant[organisations];
		Random random = new Random(20);
		for (int i = 0; i < SMALL; i++) {
			int inSet = i % SET;
			sizes[i] = i == JUMP ? big : i > JUMP ? small : inSet == 0 ? big : inSet < 5 ? mid : small;
			clocks[i] = start.minus(Duration.ofDays(i == JUMP ? 30 : 10)).minus(Duration.ofHours(random.nextInt(48)));
		}
		long left = endpoints - IntStream.of(sizes).limit(SMALL).asLongStream().sum();
		int rest = organisations - SMALL;
		int large = rest / 100;
		int largeSize = Math.max(small, (int) Math.min(2_000 * scale, left / 2 / Math.max(1, large)));
		long shared = left - (long) large * largeSize;
		int others = rest - large;
		for (int k = 0; k < rest; k++) {
			int i = SMALL + k;
			if (k % 100 == 50) {
				sizes[i] = largeSize;
			}
			else {
				int other = k - (k + 50) / 100;
				sizes[i] = (int) (shared / others + (other < shared % others ? 1 : 0));
			}
			clocks[i] = start.minus(Duration.ofDays(10)).minus(Duration.ofHours(random.nextInt(48)));
		}
		// give and take in pairs, so that the sum stays
		for (int k = SMALL; k + 1 < organisations; k += 2) {
			if (sizes[k] > 62 && sizes[k + 1] > 62 && sizes[k] < 1_000 && sizes[k + 1] < 1_000) {
				int d = random.nextInt(61);
				sizes[k] += d;
				sizes[k + 1] -= d;
			}
		}
	}

	int organisations() {
		return sizes.length;
	}

	long endpoints(int from, int to) {
		return IntStream.range(from, to).mapToLong(i -> sizes[i]).sum();
	}

	static String id(int organisation) {
		return String.format("S%05d", organisation);
	}

	static String endpointId(int organisation, int endpoint) {
		return String.format("S%05d-EP%05d", organisation, endpoint);
	}

	int size(int organisation) {
		return sizes[organisation];
	}

	Instant clock(int organisation) {
		return clocks[organisation];
	}

	/** The stream sets: 0 warms up, 1 is measured on the small database, 2 on the large one. */
	static int[] set(int set) {
		return IntStream.range(set * SET, set * SET + SET).toArray();
	}

	/** BANNED, PROTECTED or UNPROTECTED, from the organisation's estate and the endpoint's number. */
	static String state(int organisation, int endpoint) {
		int roll = (int) Math.floorMod(((organisation * 1_000_003L + endpoint) * 0x9E3779B97F4A7C15L) >>> 33, 100L);
		boolean kasperskyEstate = Math.floorMod(organisation * 7919, 10) < 3;
		if (kasperskyEstate && roll < 70) {
			return "BANNED";
		}
		return roll < 97 ? "PROTECTED" : "UNPROTECTED";
	}

	/** The products as the application keeps them (its ProductsJson's form). */
	static String productsJson(int organisation, int endpoint) {
		String state = state(organisation, endpoint);
		String[] av = OTHERS[Math.floorMod(organisation + endpoint, 3)];
		String other = "{\"vendor\":\"" + av[0] + "\",\"name\":\"" + av[1] + "\",\"version\":\"" + av[2]
				+ "\",\"category\":\"antivirus\",\"state\":\"" + (state.equals("UNPROTECTED") ? "disabled" : "active")
				+ "\"}";
		return "[" + (state.equals("BANNED") ? KASPERSKY + "," : "") + other + "]";
	}

	/** The same products as an event's {@code products}. */
	static List<Map<String, Object>> products(int organisation, int endpoint) {
		String state = state(organisation, endpoint);
		String[] av = OTHERS[Math.floorMod(organisation + endpoint, 3)];
		List<Map<String, Object>> products = new ArrayList<>();
		if (state.equals("BANNED")) {
			products.add(product("Kaspersky", "Kaspersky Endpoint Security", "11.11", "active"));
		}
		products.add(product(av[0], av[1], av[2], state.equals("UNPROTECTED") ? "disabled" : "active"));
		return products;
	}

	private static Map<String, Object> product(String vendor, String name, String version, String state) {
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("vendor", vendor);
		product.put("name", name);
		product.put("version", version);
		product.put("category", "antivirus");
		product.put("state", state);
		return product;
	}

	/** The endpoint's observation time in the load: before its organisation's clock, by the spread above. */
	Instant observedAt(int organisation, int endpoint, Random random) {
		if (endpoint == 0) {
			return clocks[organisation];
		}
		long minutes;
		if (organisation == JUMP) {
			minutes = random.nextInt(13 * 24 * 60);
		}
		else {
			int roll = random.nextInt(100);
			minutes = roll < 60 ? random.nextInt(7 * 24 * 60)
					: roll < 85 ? 7 * 24 * 60 + random.nextInt(13 * 12 * 60)
							: roll < 95 ? 13 * 24 * 60 + 12 * 60 + random.nextInt(24 * 60)
									: 14 * 24 * 60 + 12 * 60 + random.nextInt(25 * 24 * 60 + 12 * 60);
		}
		return clocks[organisation].minus(Duration.ofMinutes(minutes));
	}

	/**
	 * Registers organisations {@code from} until {@code to} with one CSV import over HTTP, as the office does:
	 * each starts its process. The small database's are central government (their processes wait for
	 * inventory); the others cycle through every category.
	 */
	double register(String base, String user, String password, int from, int to) throws Exception {
		StringBuilder csv = new StringBuilder("id,name,category\n");
		for (int i = from; i < to; i++) {
			csv.append(id(i)).append(",Organisatie ").append(id(i)).append(',')
				.append(i < SMALL ? CATEGORIES[0] : CATEGORIES[i % CATEGORIES.length]).append('\n');
		}
		long began = System.nanoTime();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/api/organisations/import"))
				.header("Authorization", StalenessBenchmark.basic(user, password))
				.header("Content-Type", "text/csv")
				.timeout(Duration.ofMinutes(30))
				.POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("CSV import answered " + response.statusCode() + ": "
					+ response.body().substring(0, Math.min(500, response.body().length())));
		}
		return (System.nanoTime() - began) / 1e9;
	}

	/**
	 * Registers organisations {@code from} until {@code to} by writing their rows as registration does
	 * (organisation, and a participation in the campaign, the phases spread from inventory to phased out)
	 * but without process instances: on a shared machine registering 9,900 over HTTP takes many minutes, and
	 * nothing measured here reads the engine's tables for them.
	 */
	double registerRows(DataSource dataSource, int from, int to) throws SQLException {
		String[] phases = { "INVENTORY", "CONTRACT_REVIEW", "ALTERNATIVE", "ROLLOUT", "VERIFICATION", "SIGN_OFF",
				"PHASED_OUT", "NOT_REQUIRED" };
		long began = System.nanoTime();
		Timestamp now = Timestamp.from(start);
		try (Connection connection = dataSource.getConnection();
				PreparedStatement organisation = connection.prepareStatement(
						"INSERT INTO organisation (id, name, category, pm_group, registered_at) VALUES (?, ?, ?, ?, ?)");
				PreparedStatement participation = connection.prepareStatement("INSERT INTO participation (campaign_id,"
						+ " organisation_id, organisation_name, category, pm_group, phase, phase_changed_at)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
			connection.setAutoCommit(false);
			for (int i = from; i < to; i++) {
				String category = CATEGORIES[i % CATEGORIES.length];
				String group = "pm-" + id(i).toLowerCase();
				organisation.setString(1, id(i));
				organisation.setString(2, "Organisatie " + id(i));
				organisation.setString(3, category);
				organisation.setString(4, group);
				organisation.setTimestamp(5, now);
				organisation.addBatch();
				participation.setString(1, CAMPAIGN);
				participation.setString(2, id(i));
				participation.setString(3, "Organisatie " + id(i));
				participation.setString(4, category);
				participation.setString(5, group);
				participation.setString(6, phases[i % phases.length]);
				participation.setTimestamp(7, Timestamp.from(start.minus(Duration.ofDays(i % 60))));
				participation.addBatch();
				if ((i - from) % 1_000 == 999) {
					organisation.executeBatch();
					participation.executeBatch();
				}
			}
			organisation.executeBatch();
			participation.executeBatch();
			connection.commit();
		}
		return (System.nanoTime() - began) / 1e9;
	}

	/**
	 * Writes organisations {@code from} until {@code to}'s endpoint rows and counts rows straight into the
	 * application's tables (inv_endpoint, inv_endpoint_counts), counted as the projection counts them: stale
	 * when live, not banned and observed before the clock minus {@code staleAfter}. No scans: their processes
	 * keep waiting for a baseline, so nothing but the streams moves them.
	 */
	double load(DataSource dataSource, int from, int to) throws SQLException {
		long began = System.nanoTime();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement endpoint = connection.prepareStatement("INSERT INTO inv_endpoint (campaign_id,"
						+ " organisation_id, endpoint_id, observed_at, retired_at, retired, state, banned_products,"
						+ " last_event_source, last_event_id, products) VALUES (?, ?, ?, ?, NULL, FALSE, ?, ?, ?, ?, ?)");
				PreparedStatement clear = connection
					.prepareStatement("DELETE FROM inv_endpoint_counts WHERE campaign_id = ? AND organisation_id = ?");
				PreparedStatement counts = connection.prepareStatement("INSERT INTO inv_endpoint_counts (campaign_id,"
						+ " organisation_id, total, banned, protected_count, unprotected, stale, retired, inventory_time,"
						+ " inventory_clock, stale_after) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
			connection.setAutoCommit(false);
			int pending = 0;
			for (int i = from; i < to; i++) {
				Random random = new Random(i);
				Instant threshold = clocks[i].minus(STALE_AFTER);
				long banned = 0;
				long protectedCount = 0;
				long unprotected = 0;
				long stale = 0;
				for (int e = 0; e < sizes[i]; e++) {
					Instant observedAt = observedAt(i, e, random);
					String state = state(i, e);
					if (state.equals("BANNED")) {
						banned++;
					}
					else if (observedAt.isBefore(threshold)) {
						stale++;
					}
					else if (state.equals("PROTECTED")) {
						protectedCount++;
					}
					else {
						unprotected++;
					}
					endpoint.setString(1, CAMPAIGN);
					endpoint.setString(2, id(i));
					endpoint.setString(3, endpointId(i, e));
					endpoint.setObject(4, observedAt.atOffset(ZoneOffset.UTC));
					endpoint.setString(5, state);
					endpoint.setString(6, state.equals("BANNED")
							? "Kaspersky Kaspersky Endpoint Security 11.11 (active)" : null);
					endpoint.setString(7, StalenessStream.SOURCE);
					endpoint.setString(8, "load-" + i + "-" + e);
					endpoint.setString(9, productsJson(i, e));
					endpoint.addBatch();
					if (++pending % 2_000 == 0) {
						endpoint.executeBatch();
					}
				}
				clear.setString(1, CAMPAIGN);
				clear.setString(2, id(i));
				clear.executeUpdate();
				counts.setString(1, CAMPAIGN);
				counts.setString(2, id(i));
				counts.setLong(3, sizes[i]);
				counts.setLong(4, banned);
				counts.setLong(5, protectedCount);
				counts.setLong(6, unprotected);
				counts.setLong(7, stale);
				counts.setObject(8, clocks[i].atOffset(ZoneOffset.UTC));
				counts.setObject(9, clocks[i].atOffset(ZoneOffset.UTC));
				counts.setString(10, STALE_AFTER.toString());
				counts.executeUpdate();
				if (pending >= 20_000) {
					endpoint.executeBatch();
					connection.commit();
					pending = 0;
				}
			}
			endpoint.executeBatch();
			connection.commit();
		}
		return (System.nanoTime() - began) / 1e9;
	}

}
