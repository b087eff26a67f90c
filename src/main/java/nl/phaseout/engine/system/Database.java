package nl.phaseout.engine.system;

import java.util.Locale;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** The two databases the engine runs on: PostgreSQL in production, H2 embedded by default. */
public enum Database {

	POSTGRESQL, H2;

	/** The database behind this template, by the product name its driver reports. */
	public static Database of(JdbcTemplate jdbc) {
		String product = jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData()
			.getDatabaseProductName());
		String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
		if (name.contains("postgres")) {
			return POSTGRESQL;
		}
		if (name.contains("h2")) {
			return H2;
		}
		throw new IllegalStateException("phaseout-engine runs on PostgreSQL and H2, not " + product);
	}

}
