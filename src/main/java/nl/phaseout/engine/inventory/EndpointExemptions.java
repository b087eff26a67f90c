package nl.phaseout.engine.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory's side of an exemption: which endpoints are live (only those may be exempted), and
 * the exempted flag of each endpoint in a campaign, set when the office approves an exemption and
 * cleared when it expires. A banned endpoint with the flag counts as exempted, not banned; without a
 * banned product the flag changes nothing. The flag is changed under the organisation's counts lock,
 * as ingestion changes rows, the counts follow by deltas, and the process hears of what changed for
 * it (a rollout now complete, banned endpoints again) through {@link InventoryChanges}, as it hears
 * of any count change: an expiry after phase-out is a regression like a banned product seen again.
 */
@Service
public class EndpointExemptions {

	private final CountsRepository counts;

	private final EndpointRepository endpoints;

	private final InventoryChanges changes;

	EndpointExemptions(CountsRepository counts, EndpointRepository endpoints, InventoryChanges changes) {
		this.counts = counts;
		this.endpoints = endpoints;
		this.changes = changes;
	}

	/** Those of the endpoint ids that are not live endpoints of the organisation in the campaign, in the order given. */
	@Transactional(readOnly = true)
	public List<String> notLive(String campaignId, String organisationId, Collection<String> endpointIds) {
		Map<String, EndpointRow> rows = endpoints.find(campaignId, organisationId, endpointIds);
		return endpointIds.stream().filter(id -> rows.get(id) == null || rows.get(id).retired()).distinct().toList();
	}

	/**
	 * Sets (or clears) the exempted flag of these endpoints of the organisation in the campaign, in the
	 * caller's transaction; unknown ids are ignored. Returns how many rows changed.
	 */
	@Transactional
	public int exempt(String campaignId, String organisationId, Collection<String> endpointIds, boolean exempted) {
		CountsRow before = counts.lock(campaignId, organisationId);
		CountsRow after = before;
		List<EndpointRow> changed = new ArrayList<>();
		for (EndpointRow row : endpoints.find(campaignId, organisationId, endpointIds).values()) {
			if (row.exempted() != exempted) {
				EndpointRow now = row.withExempted(exempted);
				after = after.minus(row).plus(now);
				changed.add(now);
			}
		}
		if (changed.isEmpty()) {
			return 0;
		}
		endpoints.update(changed);
		counts.update(campaignId, Map.of(organisationId, after));
		ProjectionResult result = ProjectionResult.empty();
		InventoryProjection.compare(campaignId, Map.of(organisationId, before), Map.of(organisationId, after), result);
		changes.record(result.signals());
		return changed.size();
	}

}
