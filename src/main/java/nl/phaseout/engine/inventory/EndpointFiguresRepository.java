package nl.phaseout.engine.inventory;

import org.springframework.stereotype.Repository;


/** The projection's figures for the views: the process's read without its lock. */
@Repository
class EndpointFiguresRepository implements EndpointFigures {

	private final JdbcInventoryState state;

	EndpointFiguresRepository(JdbcInventoryState state) {
		this.state = state;
	}

	@Override
	public InventorySnapshot snapshot(String campaignId, String organisationId) {
		return state.snapshot(campaignId, organisationId, false);
	}

}
