package nl.phaseout.engine.process;

import java.time.LocalDate;
import java.util.Optional;

/**
 * When a campaign's decision was taken (implemented above the campaign package): no date typed
 * into a form for that campaign lies before it.
 */
@FunctionalInterface
public interface CampaignDecisions {

	/** The decision's date, when the campaign names one. */
	Optional<LocalDate> decisionDate(String campaignId);

}
