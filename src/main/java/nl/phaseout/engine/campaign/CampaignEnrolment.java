package nl.phaseout.engine.campaign;

/**
 * Starts the processes of an activated campaign for the organisations registered before it
 * (implemented by the organisation package, which knows them): in the background, in batches,
 * and again after a restart until every registered organisation has one.
 */
public interface CampaignEnrolment {

	/** How many registered organisations have no process in the campaign yet. */
	long waiting(String campaignId);

	/** Asks for the active campaigns' waiting organisations to be started soon. */
	void wake();

}
