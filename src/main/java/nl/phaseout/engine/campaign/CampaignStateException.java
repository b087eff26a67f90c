package nl.phaseout.engine.campaign;

/** A change of status the campaign's status does not allow (activating a closed one): 409. */
public class CampaignStateException extends RuntimeException {

	public CampaignStateException(String message) {
		super(message);
	}

}
