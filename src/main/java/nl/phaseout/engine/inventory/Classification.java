package nl.phaseout.engine.inventory;

/** Output {@code classification} of a campaign's product classification decision. */
enum Classification {

	BANNED, ALTERNATIVE, OTHER

}
