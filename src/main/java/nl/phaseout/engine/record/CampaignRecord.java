package nl.phaseout.engine.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.phaseout.engine.process.ProcessRecord.Kind;
import nl.phaseout.engine.record.ClosureRecords.RecordedEntry;

/**
 * One organisation's record in one campaign, as {@code GET /api/organisations/{id}/record} answers
 * it: the facts that answer "was it really phased out, and how do we know?" up front, and every
 * entry in order beneath them.
 *
 * @param applicability how the campaign applies and how that was decided
 * @param decisions every human decision: task, who, when, outcome (with rationale or note)
 * @param baselineScan the scan the process decided on after the inventory
 * @param alternative the alternative chosen, by whom or by which event
 * @param verificationScans each scan considered for verification, with its counts and verdict
 * @param signOff the last sign-off: who, when, yes or no, on which evidence
 * @param contractEnded the banned product's contract's end: vendor, contract, dates, from which event or person
 * @param phasedOutAt when the organisation was phased out (the last time, after any regression)
 * @param regressions each time a banned product was seen again after phase-out, with its endpoints
 * @param retirements each endpoint a person retired through the engine: who, when, which, why
 * @param exemptions each step of every exemption: asked for (which endpoints, why, until when, by whom),
 * approved or refused (by whom, with the note), expired
 */
public record CampaignRecord(String campaignId, Entry applicability, List<Entry> decisions, Entry baselineScan,
		Entry alternative, List<Entry> verificationScans, Entry signOff, Entry contractEnded, Instant phasedOutAt,
		List<Entry> regressions, List<Entry> entries, List<Entry> retirements, List<Entry> exemptions) {

	/** One fact: when, who (a user or an event's source), in which process instance, and what. */
	public record Entry(String kind, Instant at, String actor, String processInstanceId, Map<String, Object> data) {
	}

	static CampaignRecord of(String campaignId, List<RecordedEntry> recorded) {
		Map<Kind, Entry> last = new LinkedHashMap<>();
		List<Entry> decisions = new ArrayList<>();
		List<Entry> scans = new ArrayList<>();
		List<Entry> regressions = new ArrayList<>();
		List<Entry> retirements = new ArrayList<>();
		List<Entry> exemptions = new ArrayList<>();
		List<Entry> all = new ArrayList<>();
		Instant phasedOutAt = null;
		for (RecordedEntry stored : recorded) {
			Entry entry = new Entry(stored.kind().name(), stored.at(), stored.actor(), stored.processInstanceId(),
					stored.data());
			all.add(entry);
			last.put(stored.kind(), entry);
			switch (stored.kind()) {
				case DECISION -> decisions.add(entry);
				case VERIFICATION_SCAN -> scans.add(entry);
				case REGRESSION -> regressions.add(entry);
				case RETIREMENT -> retirements.add(entry);
				case EXEMPTION -> exemptions.add(entry);
				case PHASED_OUT -> phasedOutAt = stored.at();
				default -> {
				}
			}
		}
		return new CampaignRecord(campaignId, last.get(Kind.APPLICABILITY), decisions, last.get(Kind.BASELINE_SCAN),
				last.get(Kind.ALTERNATIVE), scans, last.get(Kind.SIGN_OFF), last.get(Kind.CONTRACT_ENDED), phasedOutAt,
				regressions, all, retirements, exemptions);
	}

}
