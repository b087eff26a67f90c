package nl.phaseout.engine.campaign;

/** No campaign with that id: 404. */
public class UnknownCampaignException extends RuntimeException {

	public UnknownCampaignException(String id) {
		super("No campaign with id '" + id + "'.");
	}

}
