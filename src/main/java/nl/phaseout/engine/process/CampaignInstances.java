package nl.phaseout.engine.process;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends the process instances of a campaign that was closed, so that no task or timer waits for a
 * campaign that is over: each is deleted with the reason {@value #REASON} (Camunda's history keeps
 * it) and the record gets an entry {@code CAMPAIGN_CLOSED} with the phase it was in. The phase in
 * the participation stays what it was: it says how far the organisation got. Which instances belong
 * to the campaign is the process's own table {@code process_participant}, never a variable.
 */
@Service
public class CampaignInstances {

	public static final String REASON = "campaign closed";

	private static final Logger log = LoggerFactory.getLogger(CampaignInstances.class);

	private final JdbcTemplate jdbc;

	private final RuntimeService runtime;

	private final ProcessRecord record;

	CampaignInstances(JdbcTemplate jdbc, RuntimeService runtime, ProcessRecord record) {
		this.jdbc = jdbc;
		this.runtime = runtime;
		this.record = record;
	}

	/** One page of the campaign's process instances, by id after {@code after}. */
	public List<String> page(String campaignId, String after, int size) {
		return jdbc.queryForList("SELECT process_instance_id FROM process_participant WHERE campaign_id = ?"
				+ " AND process_instance_id > ? ORDER BY process_instance_id FETCH FIRST " + size + " ROWS ONLY",
				String.class, campaignId, after);
	}

	/**
	 * Ends those of the given instances that still run, in one transaction; returns how many it
	 * ended. An instance another node ended meanwhile is not there to end.
	 */
	@Transactional
	public int end(String campaignId, List<String> processInstanceIds, String closedBy) {
		if (processInstanceIds.isEmpty()) {
			return 0;
		}
		List<ProcessInstance> running = runtime.createProcessInstanceQuery()
			.processInstanceIds(new HashSet<>(processInstanceIds))
			.list();
		Instant now = Recorder.now();
		Set<String> ended = new HashSet<>();
		for (ProcessInstance instance : running) {
			Object phase = runtime.getVariable(instance.getId(), ProcessConstants.Var.PHASE);
			runtime.deleteProcessInstance(instance.getId(), REASON, true, true);
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("reason", REASON);
			data.put("phase", phase == null ? null : phase.toString());
			record.append(campaignId, instance.getBusinessKey(), instance.getId(),
					new ProcessRecord.Entry(ProcessRecord.Kind.CAMPAIGN_CLOSED, now, closedBy, data));
			ended.add(instance.getId());
		}
		if (!ended.isEmpty()) {
			log.info("Campaign {} closed: ended {} process instance(s)", campaignId, ended.size());
		}
		return ended.size();
	}

}
