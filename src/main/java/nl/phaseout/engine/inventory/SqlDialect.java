package nl.phaseout.engine.inventory;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.phaseout.engine.system.Database;

/** The few statements that differ between PostgreSQL and H2: a race-safe insert-if-absent. */
enum SqlDialect {

	POSTGRESQL("INSERT INTO inv_endpoint_counts (campaign_id, organisation_id) VALUES (?, ?) ON CONFLICT DO NOTHING"),

	H2("MERGE INTO inv_endpoint_counts (campaign_id, organisation_id) KEY (campaign_id, organisation_id) VALUES (?, ?)");

	final String insertCountsIfAbsent;

	SqlDialect(String insertCountsIfAbsent) {
		this.insertCountsIfAbsent = insertCountsIfAbsent;
	}

	static SqlDialect detect(JdbcTemplate jdbc) {
		return Database.of(jdbc) == Database.POSTGRESQL ? POSTGRESQL : H2;
	}
}
