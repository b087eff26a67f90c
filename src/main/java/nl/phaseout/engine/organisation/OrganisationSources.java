package nl.phaseout.engine.organisation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import nl.phaseout.engine.inventory.RegisteredOrganisations;

/**
 * The {@code organisation_source} table: the CloudEvents sources allowed to report for each
 * organisation. Inventory ingestion asks through {@link RegisteredOrganisations}.
 */
@Repository
class OrganisationSources implements RegisteredOrganisations {

	private static final int CHUNK = 500;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	OrganisationSources(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/** Replaces the organisation's sources with these (validated and normalised by the caller). */
	@Transactional
	void replace(String organisationId, List<String> sources) {
		jdbc.update("DELETE FROM organisation_source WHERE organisation_id = ?", organisationId);
		jdbc.batchUpdate("INSERT INTO organisation_source (organisation_id, pattern) VALUES (?, ?)",
				sources.stream().map(pattern -> new Object[] { organisationId, pattern }).toList());
	}

	List<String> of(String organisationId) {
		return jdbc.queryForList("SELECT pattern FROM organisation_source WHERE organisation_id = ? ORDER BY pattern",
				String.class, organisationId);
	}

	@Override
	public Map<String, List<String>> allowedSources(Collection<String> organisationIds) {
		List<String> ids = organisationIds.stream().distinct().toList();
		Map<String, List<String>> allowed = new LinkedHashMap<>();
		for (int from = 0; from < ids.size(); from += CHUNK) {
			named.query("SELECT o.id, s.pattern FROM organisation o LEFT JOIN organisation_source s"
					+ " ON s.organisation_id = o.id WHERE o.id IN (:ids)",
					new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))), rs -> {
						List<String> patterns = allowed.computeIfAbsent(rs.getString(1), id -> new ArrayList<>());
						String pattern = rs.getString(2);
						if (pattern != null) {
							patterns.add(pattern);
						}
					});
		}
		return allowed;
	}

	@Override
	public Set<String> verifyingRolling(Collection<String> organisationIds) {
		List<String> ids = organisationIds.stream().distinct().toList();
		Set<String> rolling = new HashSet<>();
		for (int from = 0; from < ids.size(); from += CHUNK) {
			rolling.addAll(named.queryForList("SELECT id FROM organisation WHERE verification = :rolling AND id IN (:ids)",
					new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
						.addValue("rolling", RegistrationRequest.ROLLING), String.class));
		}
		return rolling;
	}

}
