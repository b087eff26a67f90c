package nl.phaseout.engine.office;

/**
 * What an office page cannot show: an unknown campaign, or an organisation that is unknown or not
 * the reader's (both 404, so a page never tells whether another organisation exists).
 *
 * @param what {@code campaign} or {@code organisation}
 */
class NotShownException extends RuntimeException {

	private final String what;

	private final String id;

	NotShownException(String what, String id) {
		super("No " + what + (id == null ? "" : " '" + id + "'")
				+ (what.equals("organisation") ? " in this campaign that you may see." : "."));
		this.what = what;
		this.id = id;
	}

	String what() {
		return what;
	}

	String id() {
		return id;
	}

}
