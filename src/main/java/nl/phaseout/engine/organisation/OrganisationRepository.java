package nl.phaseout.engine.organisation;

import java.sql.Timestamp;
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

	/** Inserts the organisation; the primary key makes a second registration of an id fail. */
	void insert(Organisation organisation) {
		try {
			jdbc.update("INSERT INTO organisation (id, name, category, pm_group, registered_at) VALUES (?, ?, ?, ?, ?)",
					organisation.id(), organisation.name(), organisation.category().name(), organisation.pmGroup(),
					Timestamp.from(organisation.registeredAt()));
		}
		catch (DuplicateKeyException ex) {
			throw new OrganisationExistsException(organisation.id());
		}
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
