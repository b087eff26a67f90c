package nl.phaseout.engine.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import nl.phaseout.engine.system.PhaseoutProperties;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reporting classes wired by hand over a database with the project's migrations applied:
 * one instance is one engine node. Camunda's tables are not there: reporting reads none of them.
 */
final class ReportingFixture {

	static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	final DataSource dataSource;

	final JdbcTemplate jdbc;

	final CampaignFigures figures;

	final CampaignOrganisations organisations;

	final StatusReports reports;

	final CampaignTimeline timeline;

	final StatusOutbox outbox;

	final TransactionTemplate transaction;

	private ReportingFixture(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transaction = transaction;
		this.figures = new CampaignFigures(jdbc);
		this.organisations = new CampaignOrganisations(jdbc);
		// The publisher is never started here: what the outbox holds is what would go to Kafka.
		StatusOutbox outbox = new StatusOutbox(jdbc, json, new StatusPublisher(jdbc, transaction, null),
				new PhaseoutProperties(null, null, null, new PhaseoutProperties.Status("/test"), null));
		this.outbox = outbox;
		this.reports = new StatusReports(jdbc, transaction, figures, organisations, outbox, json);
		this.timeline = new CampaignTimeline(jdbc, json);
	}

	/** Another node (or the same one after a restart) on the same database. */
	ReportingFixture node() {
		return new ReportingFixture(dataSource);
	}

	static ReportingFixture h2() throws Exception {
		Path dir = Files.createTempDirectory("phaseout-reporting-");
		// open until the JVM ends, as the application's pool keeps it: a data source without a pool would have H2
		// close the file whenever the last connection closes and reopen it for the next, and two nodes racing
		// then raced H2's close against its reopen (a committed report went missing once in CI's way)
		return migrated(new DriverManagerDataSource(
				"jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1", "sa", ""));
	}

	static ReportingFixture postgres() {
		String schema = "reporting_" + UUID.randomUUID().toString().substring(0, 8);
		new JdbcTemplate(new DriverManagerDataSource(PG_URL, "postgres", "")).execute("CREATE SCHEMA " + schema);
		return migrated(new DriverManagerDataSource(PG_URL + "?currentSchema=" + schema, "postgres", ""));
	}

	void dropPostgresSchema() {
		String schema = jdbc.queryForObject("SELECT current_schema()", String.class);
		jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
	}

	private static ReportingFixture migrated(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return new ReportingFixture(dataSource);
	}

	String campaign(String interval) {
		String id = "c-" + UUID.randomUUID().toString().substring(0, 8);
		jdbc.update("INSERT INTO campaign (id, name, applicability_decision, classification_decision, "
				+ "status_report_interval, active, status) VALUES (?, ?, 'phaseout-applicability', "
				+ "'phaseout-product-classification', ?, FALSE, 'DRAFT')", id, "Campaign " + id, interval);
		return id;
	}

	/**
	 * Registers an organisation in the campaign, in a phase since a moment, with an inventory deadline;
	 * advised when deciding on the advice or declined, not required when so, mandatory otherwise.
	 */
	void organisation(String campaignId, String id, String name, String category, String phase, Instant since,
			Instant inventoryDeadline) {
		jdbc.update("INSERT INTO organisation (id, name, category, pm_group, registered_at) VALUES (?, ?, ?, ?, ?)", id,
				name, category, "pm-" + id.toLowerCase(), Timestamp.from(since));
		jdbc.update("INSERT INTO participation (campaign_id, organisation_id, organisation_name, category, pm_group,"
				+ " process_instance_id, phase, phase_changed_at, deadline_inventory, applicability)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", campaignId, id, name, category,
				"pm-" + id.toLowerCase(), "pi-" + id, phase, Timestamp.from(since),
				inventoryDeadline == null ? null : Timestamp.from(inventoryDeadline),
				phase.equals("NOT_REQUIRED") ? "NOT_REQUIRED"
						: phase.equals("DECISION") || phase.equals("DECLINED") ? "ADVISED" : "MANDATORY");
	}

	void counts(String campaignId, String organisationId, long total, long banned, long protectedCount,
			long unprotected) {
		jdbc.update("INSERT INTO inv_endpoint_counts (campaign_id, organisation_id, total, banned, protected_count, "
				+ "unprotected, retired) VALUES (?, ?, ?, ?, ?, ?, 0)", campaignId, organisationId, total, banned,
				protectedCount, unprotected);
	}

	void scan(String organisationId, String scanId, Instant completedAt) {
		jdbc.update("INSERT INTO inv_scan (organisation_id, scan_id, completed_at, endpoint_count, event_source, "
				+ "event_id) VALUES (?, ?, ?, 1, '/test', ?)", organisationId, scanId, Timestamp.from(completedAt),
				UUID.randomUUID().toString());
	}

	void phase(String campaignId, String organisationId, String phase, Instant at) {
		jdbc.update("UPDATE participation SET phase = ?, phase_changed_at = ? WHERE campaign_id = ? "
				+ "AND organisation_id = ?", phase, Timestamp.from(at), campaignId, organisationId);
	}

	long outboxEvents(String campaignId) {
		Long n = jdbc.queryForObject("SELECT COUNT(*) FROM status_outbox WHERE event_key = ? AND event_type = ?",
				Long.class, campaignId, StatusReports.EVENT_TYPE);
		return n == null ? 0 : n;
	}

}
