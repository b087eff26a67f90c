package nl.phaseout.engine.process;

import java.time.LocalDate;
import java.util.Optional;

/** Every campaign of the process tests was decided when the default one was: 14 May 2018. */
public class FakeCampaignDecisions implements CampaignDecisions {

	static final LocalDate DECIDED = LocalDate.of(2018, 5, 14);

	@Override
	public Optional<LocalDate> decisionDate(String campaignId) {
		return Optional.of(DECIDED);
	}

}
