package nl.phaseout.engine.inventory;

import java.util.Optional;

import nl.phaseout.engine.process.Phase;

/** Reads an organisation's phase in a campaign; ingestion only needs it to tell a regression. */
public interface PhaseLookup {

	Optional<Phase> phase(String campaignId, String organisationId);

}
