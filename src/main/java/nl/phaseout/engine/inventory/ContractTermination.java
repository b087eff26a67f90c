package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A {@code contract.terminated} event as the projection keeps it, with where it came from. */
public record ContractTermination(String vendor, String contractId, Instant terminatedAt, LocalDate endDate,
		String eventSource, String eventId) {

	/** Contract dates are Dutch calendar days. */
	public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	/** The day the contract ends: its end date, or the day it was terminated. */
	public LocalDate endsOn() {
		return endDate != null ? endDate : LocalDate.ofInstant(terminatedAt, ZONE);
	}

}
