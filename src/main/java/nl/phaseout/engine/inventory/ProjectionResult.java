package nl.phaseout.engine.inventory;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one batch did: outcomes per event, and which organisations the process must hear about.
 * {@code bannedAppeared} holds (campaign, organisation) pairs whose banned count went from 0 to more;
 * {@code contractsEnding} the end dates of contract terminations that end a contract on a day to come.
 */
record ProjectionResult(Map<Outcome, Integer> outcomes, SortedSet<String> inventoryChanged,
		SortedSet<CampaignOrganisation> bannedAppeared, SortedSet<String> alternativesSelected,
		SortedSet<String> contractsTerminated, Map<String, LocalDate> contractsEnding) {

	record CampaignOrganisation(String campaignId, String organisationId) implements Comparable<CampaignOrganisation> {

		@Override
		public int compareTo(CampaignOrganisation other) {
			int byCampaign = campaignId.compareTo(other.campaignId);
			return byCampaign != 0 ? byCampaign : organisationId.compareTo(other.organisationId);
		}

	}

	static ProjectionResult empty() {
		return new ProjectionResult(new EnumMap<>(Outcome.class), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
				new TreeSet<>(), new TreeMap<>());
	}

	void add(Outcome outcome) {
		outcomes.merge(outcome, 1, Integer::sum);
	}

	int count(Outcome outcome) {
		return outcomes.getOrDefault(outcome, 0);
	}

}
