package nl.phaseout.engine.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Registration by CSV import over HTTP, and the queries people make all day, timed over HTTP. */
final class HumanSide {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String[] OTHER_CATEGORIES = { "CENTRAL_GOVERNMENT", "VITAL_PROVIDER", "SECURITY_SUPPLIER",
			"PROVINCE", "MUNICIPALITY", "OTHER" };

	private static final int WARM_UP = 5;

	private static final int CALLS = 21;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;

	private final ConfigurableApplicationContext app;

	HumanSide(int port, ConfigurableApplicationContext app) {
		this.base = "http://localhost:" + port;
		this.app = app;
	}

	/**
	 * The organisations that receive events are central government (their process waits for inventory); the
	 * others cycle through every category, as a real programme's register would.
	 */
	void register(Settings settings, Figures figures) throws Exception {
		StringBuilder csv = new StringBuilder("id,name,category\n");
		int rows = 0;
		for (int i = 0; i < settings.organisations(); i++, rows++) {
			row(csv, Workload.throughputOrganisation(i), "CENTRAL_GOVERNMENT");
		}
		for (int i = 0; i < settings.latencyOrganisationsInAll(); i++, rows++) {
			row(csv, Workload.latencyOrganisation(i), "CENTRAL_GOVERNMENT");
		}
		for (int i = 0; i < settings.naiveOrganisations(); i++, rows++) {
			row(csv, Workload.naiveOrganisation(i), "CENTRAL_GOVERNMENT");
		}
		for (int i = 0; i < settings.burstOrganisations(); i++, rows++) {
			row(csv, Workload.burstOrganisation(i), "CENTRAL_GOVERNMENT");
		}
		for (int i = 0; i < settings.warmUpOrganisations(); i++, rows++) {
			row(csv, Workload.warmUpOrganisation(i), "CENTRAL_GOVERNMENT");
		}
		for (int i = 0; rows < settings.registered(); i++, rows++) {
			row(csv, String.format("R%05d", i), OTHER_CATEGORIES[i % OTHER_CATEGORIES.length]);
		}
		// The dev profile's demo organisations are there before the import.
		Long before = app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM organisation", Long.class);
		long start = System.nanoTime();
		HttpResponse<String> response = http.send(request("/api/organisations/import", Benchmark.ADMIN)
			.timeout(Duration.ofMinutes(30))
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
		double seconds = (System.nanoTime() - start) / 1e9;
		Long after = app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM organisation", Long.class);
		Long registered = before == null || after == null ? null : after - before;
		Long processes = app.getBean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM participation WHERE process_instance_id IS NOT NULL", Long.class);
		if (response.statusCode() / 100 != 2 || registered == null || registered != rows) {
			throw new IllegalStateException("CSV import answered " + response.statusCode() + " and registered "
					+ registered + " of " + rows + ": "
					+ response.body().substring(0, Math.min(500, response.body().length())));
		}
		figures.put("registration.seconds", "registration (CSV import, one request)", seconds, Figures.Unit.SECONDS,
				String.format("%,d organisations, %,.0f a second, %,d process instances started", rows, rows / seconds,
						processes));
	}

	/** Medians over repeated calls, after a warm-up. */
	void queries(Figures figures) throws Exception {
		long[] progress = time("/api/campaigns/kaspersky-av-2018/progress", Benchmark.ADMIN, null);
		Long organisations = app.getBean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM organisation", Long.class);
		figures.put("progress.median", "GET /api/campaigns/{id}/progress, median", Figures.median(progress),
				Figures.Unit.MILLIS, String.format("%d calls after %d warm-up, %s organisations registered; target at"
						+ " most 200 ms", CALLS, WARM_UP, organisations));

		// The programme office's dashboard (figures, trend, the first page of 50 organisations, reports) and
		// the organisations API, both paged in the database.
		figures.put("office.dashboard.median", "GET /office (dashboard page), median",
				Figures.median(time("/office", Benchmark.ADMIN, null)), Figures.Unit.MILLIS,
				"the whole HTML page as the office sees it, first page of 50; target at most 1,000 ms");
		figures.put("office.organisations.median", "GET /api/campaigns/{id}/organisations, median",
				Figures.median(time("/api/campaigns/kaspersky-av-2018/organisations?size=50&sort=-daysInPhase",
						Benchmark.ADMIN, null)),
				Figures.Unit.MILLIS, "a page of 50 sorted by days in phase");

		String pm = projectManager(Workload.throughputOrganisation(0));
		String filterId = app.getBean(FilterService.class)
			.createFilterQuery()
			.filterName("Taken van mijn organisatie")
			.singleResult()
			.getId();
		String path = "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15";
		JsonNode tasks = JSON.readTree(send(path, pm, "{}").body());
		figures.put("tasklist.median", "PM's Tasklist query (filter list), median",
				Figures.median(time(path, pm, "{}")), Figures.Unit.MILLIS,
				String.format("POST %s as a PM of %s (%d task(s) visible), authorizations on; target at most 100 ms",
						"/engine-rest/filter/{id}/list", Workload.throughputOrganisation(0), tasks.size()));
	}

	private String projectManager(String organisationId) {
		IdentityService identity = app.getBean(IdentityService.class);
		String userId = "pm-bench";
		User user = identity.newUser(userId);
		user.setPassword(Benchmark.PASSWORD);
		user.setFirstName("Bench");
		user.setLastName("PM");
		identity.saveUser(user);
		identity.createMembership(userId, "pm-" + organisationId.toLowerCase());
		return userId;
	}

	private long[] time(String path, String user, String body) throws Exception {
		for (int i = 0; i < WARM_UP; i++) {
			send(path, user, body);
		}
		long[] millis = new long[CALLS];
		for (int i = 0; i < CALLS; i++) {
			long start = System.nanoTime();
			send(path, user, body);
			millis[i] = Math.round((System.nanoTime() - start) / 1e6);
		}
		return millis;
	}

	private HttpResponse<String> send(String path, String user, String body) throws Exception {
		HttpRequest.Builder request = request(path, user).timeout(Duration.ofMinutes(1));
		if (body != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response;
	}

	private HttpRequest.Builder request(String path, String user) {
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + Benchmark.PASSWORD).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + credentials);
	}

	private static void row(StringBuilder csv, String id, String category) {
		csv.append(id).append(",Organisation ").append(id).append(',').append(category).append('\n');
	}

}
