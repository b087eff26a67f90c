package nl.phaseout.engine.process;

/** Where an organisation stands in a campaign; the names are part of the public contract. */
public enum Phase {
	APPLICABILITY, DECISION, INVENTORY, CONTRACT_REVIEW, ALTERNATIVE, ROLLOUT, VERIFICATION, SIGN_OFF,
	DECOMMISSION, PHASED_OUT, NOT_REQUIRED, DECLINED;

}
