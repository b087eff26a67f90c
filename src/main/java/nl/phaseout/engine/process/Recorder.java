package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import nl.phaseout.engine.inventory.InventorySnapshot;
import nl.phaseout.engine.inventory.LastScan;
import nl.phaseout.engine.process.ProcessRecord.Entry;
import nl.phaseout.engine.process.ProcessRecord.Kind;

/** Writes record entries for the execution at hand: its organisation, campaign and process instance. */
final class Recorder {

	private Recorder() {
	}

	static void record(ProcessRecord record, DelegateExecution execution, Kind kind, String actor,
			Map<String, Object> data) {
		OrganisationInCampaign organisation = OrganisationInCampaign.of(execution);
		record.append(organisation.campaignId(), organisation.organisationId(), execution.getProcessInstanceId(),
				new Entry(kind, now(), actor, data));
	}

	/** A scan and the counts beside it, as the record keeps them. */
	static Map<String, Object> scan(InventorySnapshot snapshot) {
		Map<String, Object> data = new LinkedHashMap<>();
		LastScan scan = snapshot.lastScan();
		if (scan != null) {
			data.put("scanId", scan.scanId());
			data.put("completedAt", scan.completedAt().toString());
			data.put("endpointCount", scan.endpointCount());
			data.put("source", scan.source());
			if (scan.startedAt() != null) {
				data.put("startedAt", scan.startedAt().toString());
			}
		}
		if (snapshot.rolling()) {
			data.put("verification", "rolling");
		}
		data.put("total", snapshot.total());
		data.put("banned", snapshot.banned());
		data.put("protected", snapshot.protectedCount());
		data.put("unprotected", snapshot.unprotected());
		data.put("stale", snapshot.stale());
		if (snapshot.exempted() > 0) {
			data.put("exempted", snapshot.exempted());
		}
		data.put("retired", snapshot.retired());
		data.put("inventoryTime", snapshot.inventoryTime() == null ? null : snapshot.inventoryTime().toString());
		return data;
	}

	static Instant now() {
		return ClockUtil.getCurrentTime().toInstant();
	}

}
