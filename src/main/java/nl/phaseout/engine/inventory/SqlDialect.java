package nl.phaseout.engine.inventory;

import java.util.Locale;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** The few statements that differ between PostgreSQL and H2: a race-safe insert-if-absent. */
enum SqlDialect {

	POSTGRESQL("INSERT INTO inv_endpoint_counts (campaign_id, organisation_id) VALUES (?, ?) ON CONFLICT DO NOTHING"),

	H2("MERGE INTO inv_endpoint_counts (campaign_id, organisation_id) KEY (campaign_id, organisation_id) VALUES (?, ?)");

	final String insertCountsIfAbsent;

	SqlDialect(String insertCountsIfAbsent) {
		this.insertCountsIfAbsent = insertCountsIfAbsent;
	}

	static SqlDialect detect(JdbcTemplate jdbc) {
		String product = jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData()
			.getDatabaseProductName());
		if (product != null && product.toLowerCase(Locale.ROOT).contains("postgres")) {
			return POSTGRESQL;
		}
		if (product != null && product.toLowerCase(Locale.ROOT).contains("h2")) {
			return H2;
		}
		throw new IllegalStateException("The inventory projection supports PostgreSQL and H2, not " + product);
	}

}
