package nl.phaseout.engine.process;

import java.util.ArrayList;
import java.util.List;

/** The closure record as a list, for the process tests. */
public class RecordingProcessRecord implements ProcessRecord {

	final List<Entry> entries = new ArrayList<>();

	/** For each entry: the campaign and organisation it was recorded for, as {@code campaign/organisation}. */
	final List<String> recordedFor = new ArrayList<>();

	void reset() {
		entries.clear();
		recordedFor.clear();
	}

	List<Kind> kinds() {
		return entries.stream().map(Entry::kind).toList();
	}

	List<Entry> of(Kind kind) {
		return entries.stream().filter(entry -> entry.kind() == kind).toList();
	}

	@Override
	public void append(String campaignId, String organisationId, String processInstanceId, Entry entry) {
		entries.add(entry);
		recordedFor.add(campaignId + "/" + organisationId);
	}

}
