package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.Map;

/**
 * The closure record: what the process decided and saw, written in the engine's transaction of
 * the step it records, into tables of the application's own that Camunda's history cleanup never
 * touches (implemented by the record package).
 */
public interface ProcessRecord {

	void append(String campaignId, String organisationId, String processInstanceId, Entry entry);

	/**
	 * One fact: what kind, when (the engine's clock), who (a user, or the source of an event) and
	 * the details, as plain values (strings, numbers, booleans, lists and maps of them).
	 */
	record Entry(Kind kind, Instant at, String actor, Map<String, Object> data) {
	}

	enum Kind {
		APPLICABILITY, DECISION, BASELINE_SCAN, ALTERNATIVE, VERIFICATION_SCAN, SIGN_OFF, CONTRACT_ENDED, PHASED_OUT,
		REGRESSION,
		/** A person retired an endpoint that is gone: which, why, and the event that says so. */
		RETIREMENT,
		/** The campaign was closed while the process ran: the process ended there, in the phase it had. */
		CAMPAIGN_CLOSED,
		/** An exemption asked for, approved, refused or expired: which endpoints, why, until when, who. */
		EXEMPTION
	}

}
