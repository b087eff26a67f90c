package nl.phaseout.engine.notification;

/** What a notice tells. */
enum Kind {

	/** A new task for the recipient's project managers' group. */
	TASK,

	/** A milestone's deadline is near and the organisation has not reached it. */
	REMINDER,

	/** A milestone's deadline passed before the organisation reached it (to the office). */
	MISSED

}
