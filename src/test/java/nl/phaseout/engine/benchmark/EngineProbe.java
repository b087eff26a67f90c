package nl.phaseout.engine.benchmark;

import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import nl.phaseout.engine.system.Topics;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Drives and watches the engine's own ingestion: throughput over a backlog, and latency at a steady rate. */
final class EngineProbe {

	private static final String GROUP = "phaseout-engine";

	/** Phases an organisation is in before its baseline scan is known. */
	private static final String NOT_ADVANCED = "('APPLICABILITY', 'DECISION', 'INVENTORY')";

	private final MessageListenerContainer listener;

	private final JdbcTemplate jdbc;

	EngineProbe(ConfigurableApplicationContext app) {
		this.listener = app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("inventory");
		this.jdbc = app.getBean(JdbcTemplate.class);
	}

	/** The workload is published first, so that the engine and the ceiling read the same backlog. */
	void stopIngestion() {
		listener.stop();
	}

	/**
	 * From starting the engine's consumer on the backlog (joining the group included) to the moment every event
	 * is committed and every process advanced.
	 */
	void ingest(Settings settings, BenchmarkKafka kafka, Figures figures) throws Exception {
		long first = System.currentTimeMillis();
		listener.start();
		await("engine to commit every event and advance every organisation").atMost(Duration.ofMinutes(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> kafka.lag(GROUP, Topics.INVENTORY) == 0 && advanced("T%") == settings.organisations());
		long done = System.currentTimeMillis();
		Long endpoints = jdbc.queryForObject(
				"SELECT SUM(total) FROM inv_endpoint_counts WHERE organisation_id LIKE 'T%'", Long.class);
		long expected = (long) settings.organisations() * settings.endpointsPerOrganisation();
		if (endpoints == null || endpoints != expected) {
			throw new IllegalStateException("Projection holds " + endpoints + " endpoints, expected " + expected);
		}
		double seconds = (done - first) / 1000.0;
		double rate = settings.throughputEvents() / seconds;
		figures.number("engine.rate", rate);
		figures.put("3. engine: consumed, projected, committed, processes advanced", Figures.rate(rate),
				String.format("%,d events in %.1f s; %,d endpoints projected, %d processes left the baseline wait",
						settings.throughputEvents(), seconds, endpoints, settings.organisations()));
	}

	/**
	 * Organisations waiting for their baseline get some observations (19 by default) and then the scan that
	 * lets the process leave the wait state, published at a steady rate; latency is from handing the
	 * scan to the producer to the end of the process's Wait_InventoryBaseline activity (engine history, same
	 * clock). The first half of the organisations warm up, in the same stream at the same rate; the second half
	 * is measured.
	 */
	void latency(Settings settings, BenchmarkKafka kafka, Workload workload, Figures figures) throws Exception {
		Map<String, Long> publishedAt = new HashMap<>();
		long interval = TimeUnit.SECONDS.toNanos(1) / settings.eventsPerSecond();
		long start = System.nanoTime();
		long next = start;
		int sent = 0;
		int measuredFrom = settings.latencyOrganisationsInAll() - settings.latencyOrganisations();
		int measuredEvents = 0;
		for (int i = 0; i < settings.latencyOrganisationsInAll(); i++) {
			String organisationId = Workload.latencyOrganisation(i);
			List<byte[]> observations = workload.observations(organisationId, settings.latencyObservations());
			for (int e = 0; e <= observations.size(); e++) {
				LockSupport.parkNanos(next - System.nanoTime());
				if (e < observations.size()) {
					kafka.publishNow(organisationId, observations.get(e));
				}
				else {
					if (i >= measuredFrom) {
						publishedAt.put(organisationId, System.currentTimeMillis());
					}
					kafka.publishNow(organisationId,
							workload.scanCompleted(organisationId, settings.latencyObservations()));
				}
				sent++;
				measuredEvents += i >= measuredFrom ? 1 : 0;
				next += interval;
			}
		}
		double offered = sent / ((System.nanoTime() - start) / 1e9);
		kafka.flushNow();
		// The latencies come from the engine's history, so how soon this notices does not count.
		await("every latency organisation to advance").atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> advanced("L%") >= settings.latencyOrganisationsInAll());
		Map<String, Long> leftAt = new HashMap<>();
		jdbc.query("SELECT p.BUSINESS_KEY_ AS organisation_id, MAX(a.END_TIME_) AS left_at FROM ACT_HI_ACTINST a"
				+ " JOIN ACT_HI_PROCINST p ON a.PROC_INST_ID_ = p.ID_ WHERE a.ACT_ID_ = 'Wait_InventoryBaseline'"
				+ " AND p.BUSINESS_KEY_ LIKE 'L%' GROUP BY p.BUSINESS_KEY_", rs -> {
					Timestamp at = rs.getTimestamp("left_at");
					if (at != null) {
						leftAt.put(rs.getString("organisation_id"), at.getTime());
					}
				});
		Map<String, Long> projectedAt = new HashMap<>();
		jdbc.query("SELECT organisation_id, processed_at FROM inv_processed_event WHERE organisation_id LIKE 'L%'"
				+ " AND type = 'phaseout.inventory.scan-completed'", rs -> {
					projectedAt.put(rs.getString("organisation_id"),
							rs.getObject("processed_at", OffsetDateTime.class).toInstant().toEpochMilli());
				});
		long[] latencies = publishedAt.entrySet()
			.stream()
			.mapToLong(e -> leftAt.get(e.getKey()) - e.getValue())
			.sorted()
			.toArray();
		long[] toProjection = publishedAt.entrySet()
			.stream()
			.mapToLong(e -> projectedAt.get(e.getKey()) - e.getValue())
			.sorted()
			.toArray();
		figures.number("latency.count", latencies.length);
		figures.number("latency.p50", Figures.percentile(latencies, 50));
		figures.number("latency.p99", Figures.percentile(latencies, 99));
		String over = String.format("over %,d threshold-crossing events (scan-completed at the baseline wait, one"
				+ " event in %d) among %,d events offered at %,.0f events/s, after %,d more of the same to warm up",
				latencies.length, settings.latencyObservations() + 1, measuredEvents, offered, sent - measuredEvents);
		figures.put("4. latency p50", Figures.millis(Figures.percentile(latencies, 50)), over);
		figures.put("4. latency p95", Figures.millis(Figures.percentile(latencies, 95)), "");
		figures.put("4. latency p99", Figures.millis(Figures.percentile(latencies, 99)), "target at most 1,000 ms");
		figures.put("4. latency max", Figures.millis(latencies.length == 0 ? Double.NaN
				: latencies[latencies.length - 1]), "");
		figures.put("4. of which to the projection, p50 / p99",
				Figures.millis(Figures.percentile(toProjection, 50)) + " / "
						+ Figures.millis(Figures.percentile(toProjection, 99)),
				"scan published to its ingestion transaction (the rest is the process-signal worker)");
	}

	private long advanced(String organisations) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM participation WHERE organisation_id LIKE ? AND phase NOT IN "
				+ NOT_ADVANCED, Long.class, organisations);
	}

}
