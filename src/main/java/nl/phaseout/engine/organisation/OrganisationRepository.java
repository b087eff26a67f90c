package nl.phaseout.engine.organisation;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.phaseout.engine.campaign.Category;

@Repository
class OrganisationRepository {

	private final JdbcTemplate jdbc;

	OrganisationRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the organisation. Checked before, and by the database's unique indexes for two
	 * registrations at once: an id registered in any case is a conflict, a project managers' group
	 * that serves another organisation an invalid request.
	 */
	void insert(Organisation organisation) {
		check(organisation);
		try {
			jdbc.update("INSERT INTO organisation (id, name, category, pm_group, registered_at) VALUES (?, ?, ?, ?, ?)",
					organisation.id(), organisation.name(), organisation.category().name(), organisation.pmGroup(),
					Timestamp.from(organisation.registeredAt()));
		}
		catch (DuplicateKeyException ex) {
			// another registration committed in between: say which rule it broke
			check(organisation);
			throw new OrganisationExistsException(organisation.id(), organisation.id());
		}
	}

	/** Sets how the organisation verifies: {@code scan} or {@code rolling}. */
	void verification(String organisationId, String verification) {
		jdbc.update("UPDATE organisation SET verification = ? WHERE id = ?", verification, organisationId);
	}

	/** How the organisation verifies: {@code scan} or {@code rolling}. */
	String verification(String organisationId) {
		return jdbc.queryForList("SELECT verification FROM organisation WHERE id = ?", String.class, organisationId)
			.stream()
			.findFirst()
			.orElse(RegistrationRequest.SCAN);
	}

	private void check(Organisation organisation) {
		Optional<String> registered = idIgnoringCase(organisation.id());
		if (registered.isPresent()) {
			throw new OrganisationExistsException(organisation.id(), registered.get());
		}
		servedBy(organisation.pmGroup()).ifPresent(other -> {
			throw new InvalidRegistrationException(List.of("pmGroup '" + organisation.pmGroup()
					+ "' already serves organisation '" + other + "'; each organisation has a project managers' group"
					+ " of its own: leave pmGroup out for pm-<id>, or name another"));
		});
	}

	/** The id of the organisation registered with this id in any case ({@code MIN-JENV} for {@code min-jenv}). */
	Optional<String> idIgnoringCase(String id) {
		return jdbc.queryForList("SELECT id FROM organisation WHERE LOWER(id) = LOWER(?)", String.class, id)
			.stream()
			.findFirst();
	}

	/** The organisation whose project managers' group this is, if any. */
	Optional<String> servedBy(String pmGroup) {
		return jdbc.queryForList("SELECT id FROM organisation WHERE pm_group = ?", String.class, pmGroup)
			.stream()
			.findFirst();
	}

	long count() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM organisation", Long.class);
		return count == null ? 0 : count;
	}

	/** The organisations after {@code afterId}, by id. */
	List<Organisation> page(String afterId, int size) {
		return jdbc.query("SELECT id, name, category, pm_group, registered_at FROM organisation WHERE id > ?"
				+ " ORDER BY id FETCH FIRST " + size + " ROWS ONLY",
				(rs, row) -> new Organisation(rs.getString("id"), rs.getString("name"),
						Category.valueOf(rs.getString("category")), rs.getString("pm_group"),
						rs.getTimestamp("registered_at").toInstant()),
				afterId);
	}

	Optional<Organisation> find(String id) {
		return jdbc.query("SELECT id, name, category, pm_group, registered_at FROM organisation WHERE id = ?",
				(rs, row) -> new Organisation(rs.getString("id"), rs.getString("name"),
						Category.valueOf(rs.getString("category")), rs.getString("pm_group"),
						rs.getTimestamp("registered_at").toInstant()),
				id)
			.stream()
			.findFirst();
	}

}
