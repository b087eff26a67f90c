package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;
import nl.phaseout.engine.inventory.event.InventoryEvent.AlternativeSelected;
import nl.phaseout.engine.inventory.event.InventoryEvent.ContractTerminated;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointObserved;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointRetired;
import nl.phaseout.engine.inventory.event.InventoryEvent.ScanCompleted;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of valid events to the projection, in the caller's transaction: locks the
 * organisations' counts rows, drops duplicates, folds observations and retirements into the
 * endpoint rows per active campaign, keeps the counts by deltas, and reports which conditions
 * that the process waits for changed. A repeated organisation-level fact (scan, selection,
 * termination) is known by its row in {@code inv_processed_event}; a repeated endpoint event by
 * its endpoint's row, which names the event it was last changed by. So the projection keeps a
 * row per endpoint, not one per observation ever made.
 */
@Component
class InventoryProjection {

	private final CountsRepository counts;

	private final EndpointRepository endpoints;

	private final OrganisationFacts organisationFacts;

	private final EndpointFolder folder;

	private final ObjectProvider<ActiveCampaigns> campaigns;

	private final StaleCounts freshness;

	private final RollingVerification rollingVerification;

	InventoryProjection(CountsRepository counts, EndpointRepository endpoints, OrganisationFacts organisationFacts,
			ProductClassifier classifier, ObjectProvider<ActiveCampaigns> campaigns, StaleCounts freshness,
			RollingVerification rollingVerification) {
		this.counts = counts;
		this.endpoints = endpoints;
		this.organisationFacts = organisationFacts;
		this.folder = new EndpointFolder(classifier);
		this.campaigns = campaigns;
		this.freshness = freshness;
		this.rollingVerification = rollingVerification;
	}

	ProjectionResult apply(List<InventoryEvent> batch) {
		ProjectionResult result = ProjectionResult.empty();
		Map<EventId, InventoryEvent> unique = new LinkedHashMap<>();
		for (InventoryEvent event : batch) {
			if (unique.putIfAbsent(EventId.of(event.envelope()), event) != null) {
				result.add(Outcome.DUPLICATE);
			}
		}
		if (unique.isEmpty()) {
			return result;
		}
		List<Campaign> active = campaigns.getIfAvailable(ActiveCampaigns::defaultCampaign)
			.activeCampaigns()
			.stream()
			.sorted(Comparator.comparing(Campaign::campaignId))
			.toList();
		Set<String> organisations = unique.values()
			.stream()
			.map(InventoryEvent::organisationId)
			.collect(Collectors.toCollection(TreeSet::new));
		Map<String, Map<String, CountsRow>> before = counts
			.lock(active.stream().map(Campaign::campaignId).toList(), organisations);
		List<InventoryEvent> facts = unique.values().stream().filter(event -> !isEndpointEvent(event)).toList();
		for (EventId known : organisationFacts.processed(facts)) {
			if (unique.remove(known) != null) {
				result.add(Outcome.DUPLICATE);
			}
		}
		List<InventoryEvent> fresh = List.copyOf(unique.values());
		organisationFacts.markProcessed(fresh.stream().filter(event -> !isEndpointEvent(event)).toList());

		Set<InventoryEvent> changed = new HashSet<>();
		Set<InventoryEvent> repeated = new HashSet<>();
		Map<String, Map<String, CountsRow>> afterByCampaign = new HashMap<>();
		for (Campaign campaign : active) {
			afterByCampaign.put(campaign.campaignId(),
					applyEndpoints(campaign, fresh, before.get(campaign.campaignId()), changed, repeated));
		}
		Map<String, Instant> scanned = new TreeMap<>();
		for (InventoryEvent event : fresh) {
			if (applyFact(event, changed, scanned, result)) {
				result.add(Outcome.ACCEPTED);
			}
			else {
				result.add(repeated.contains(event) ? Outcome.DUPLICATE : Outcome.STALE);
			}
		}
		Set<String> rolling = rollingVerification.rolling(organisations);
		for (Campaign campaign : active) {
			Map<String, CountsRow> after = afterByCampaign.get(campaign.campaignId());
			scanned.forEach((organisationId, completedAt) -> after.computeIfPresent(organisationId,
					(id, row) -> freshness.advance(campaign, id, row, completedAt)));
			for (String organisationId : rolling) {
				after.computeIfPresent(organisationId, (id, row) -> rollingVerification.follow(campaign, id,
						before.get(campaign.campaignId()).getOrDefault(id, CountsRow.ZERO), row, result));
			}
			counts.update(campaign.campaignId(), after);
			compare(campaign.campaignId(), before.get(campaign.campaignId()), after, result);
		}
		scanned.keySet().forEach(organisationId -> result.tell(Signal.inventoryChanged(organisationId)));
		withholdBeforeBaseline(rolling, result);
		return result;
	}

	/**
	 * Drops what the process cannot act on yet: before an organisation's first completed scan no wait of
	 * its process listens to the inventory (the baseline wait leaves on a scan only; every other wait, and
	 * a phase-out that could regress, comes after it). Those signals would be rounds through the engine
	 * that change nothing, and an organisation's first inventory is when they come by the hundred. An
	 * organisation that verifies rolling has its baseline with its first endpoint: it hears everything.
	 */
	private void withholdBeforeBaseline(Set<String> rolling, ProjectionResult result) {
		Set<String> candidates = result.signals()
			.stream()
			.filter(signal -> signal.kind() == Signal.Kind.INVENTORY_CHANGED
					|| signal.kind() == Signal.Kind.BANNED_APPEARED)
			.map(Signal::organisationId)
			.filter(organisationId -> !rolling.contains(organisationId))
			.collect(Collectors.toCollection(TreeSet::new));
		if (candidates.isEmpty()) {
			return;
		}
		candidates.removeAll(organisationFacts.withScan(candidates));
		result.signals().removeIf(signal -> candidates.contains(signal.organisationId())
				&& (signal.kind() == Signal.Kind.INVENTORY_CHANGED || signal.kind() == Signal.Kind.BANNED_APPEARED));
	}

	/**
	 * Classifies the organisation's endpoints in the campaign again, as the campaign's decision answers
	 * now, under the organisation's lock: changed rows are written, the counts recomputed from every row,
	 * and what changed for the process reported as for a batch.
	 */
	Reclassified reclassify(Campaign campaign, String organisationId) {
		ProjectionResult result = ProjectionResult.empty();
		CountsRow before = counts.lock(campaign.campaignId(), organisationId);
		CountsRow after = CountsRow.ZERO.withRollingSince(before.rollingSince())
			.withClock(freshness.clock(campaign, organisationId))
			.withStaleAfter(campaign.staleAfter());
		List<EndpointRow> changed = new ArrayList<>();
		for (EndpointRow row : endpoints.all(campaign.campaignId(), organisationId)) {
			EndpointRow now = folder.reclassify(campaign, row);
			if (!now.equals(row)) {
				changed.add(now);
			}
			after = after.plus(now);
		}
		endpoints.update(changed);
		counts.update(campaign.campaignId(), Map.of(organisationId, after));
		compare(campaign.campaignId(), Map.of(organisationId, before), Map.of(organisationId, after), result);
		return new Reclassified(result, changed.size());
	}

	record Reclassified(ProjectionResult result, int endpointsChanged) {
	}

	/**
	 * Counts the organisation's endpoints in the campaign again with the campaign's {@code staleAfter}
	 * (when it changed, or was never counted with one), under the organisation's lock; what changed for
	 * the process is reported as for a batch.
	 */
	ProjectionResult recount(Campaign campaign, String organisationId) {
		ProjectionResult result = ProjectionResult.empty();
		CountsRow before = counts.lock(campaign.campaignId(), organisationId);
		CountsRow after = freshness.counted(campaign, organisationId, before);
		if (!after.equals(before)) {
			counts.update(campaign.campaignId(), Map.of(organisationId, after));
			compare(campaign.campaignId(), Map.of(organisationId, before), Map.of(organisationId, after), result);
		}
		return result;
	}

	/** Stores an organisation-level fact, or looks up whether an endpoint event changed a row. */
	private boolean applyFact(InventoryEvent event, Set<InventoryEvent> changed, Map<String, Instant> scanned,
			ProjectionResult result) {
		if (event instanceof ScanCompleted scan) {
			boolean added = organisationFacts.addScan(scan);
			if (added) {
				scanned.merge(scan.organisationId(), scan.completedAt(), Freshness::later);
			}
			return added;
		}
		if (event instanceof AlternativeSelected selected) {
			boolean latest = organisationFacts.selectAlternative(selected);
			if (latest) {
				result.tell(Signal.alternativeSelected(selected.organisationId()));
			}
			return latest;
		}
		if (event instanceof ContractTerminated terminated) {
			boolean latest = organisationFacts.terminateContract(terminated);
			if (latest) {
				result.tell(Signal.contractTerminated(terminated.organisationId()));
				if (terminated.endDate() != null) {
					result.tell(Signal.contractEnds(terminated.organisationId(), terminated.endDate()));
				}
			}
			return latest;
		}
		return changed.contains(event);
	}

	private static boolean isEndpointEvent(InventoryEvent event) {
		return event instanceof EndpointObserved || event instanceof EndpointRetired;
	}

	/**
	 * Folds the endpoint events into the campaign's rows. An event that changes nothing is a
	 * repeat when its endpoint's row is as that very event left it, otherwise stale.
	 */
	private Map<String, CountsRow> applyEndpoints(Campaign campaign, List<InventoryEvent> events,
			Map<String, CountsRow> before, Set<InventoryEvent> changed, Set<InventoryEvent> repeated) {
		Map<String, CountsRow> after = new HashMap<>(before);
		after.replaceAll((organisationId, row) -> freshness.counted(campaign, organisationId, row));
		Map<String, List<InventoryEvent>> byOrganisation = events.stream()
			.filter(InventoryProjection::isEndpointEvent)
			.collect(Collectors.groupingBy(InventoryEvent::organisationId, LinkedHashMap::new, Collectors.toList()));
		byOrganisation.forEach((organisationId, organisationEvents) -> {
			Set<String> endpointIds = organisationEvents.stream().map(EndpointFolder::endpointId)
				.collect(Collectors.toSet());
			Map<String, EndpointRow> stored = endpoints.find(campaign.campaignId(), organisationId, endpointIds);
			Map<String, EndpointRow> current = new HashMap<>(stored);
			for (InventoryEvent event : organisationEvents) {
				EndpointRow row = current.get(EndpointFolder.endpointId(event));
				EndpointRow next = folder.fold(campaign, row, event);
				if (next != null) {
					current.put(next.endpointId(), next);
					changed.add(event);
				}
				else if (row != null && row.lastApplied(EventId.of(event.envelope()))) {
					repeated.add(event);
				}
			}
			List<EndpointRow> inserts = new ArrayList<>();
			List<EndpointRow> updates = new ArrayList<>();
			CountsRow organisationCounts = after.getOrDefault(organisationId, CountsRow.ZERO);
			Instant latestObservation = null;
			for (EndpointRow row : current.values()) {
				EndpointRow old = stored.get(row.endpointId());
				if (row.equals(old)) {
					continue;
				}
				(old == null ? inserts : updates).add(row);
				organisationCounts = organisationCounts.minus(old).plus(row);
				latestObservation = Freshness.later(latestObservation, row.observedAt());
			}
			endpoints.insert(inserts);
			endpoints.update(updates);
			// counted under the clock as it was; now the clock moves, and those that it passes go stale
			after.put(organisationId, freshness.advance(campaign, organisationId, organisationCounts, latestObservation));
		});
		return after;
	}

	/**
	 * Conditions that matter to the process: rollout completeness (with or without the exempted
	 * endpoints, as the campaign says), a protection gap, banned seen again.
	 */
	static void compare(String campaignId, Map<String, CountsRow> before, Map<String, CountsRow> after,
			ProjectionResult result) {
		after.forEach((organisationId, row) -> {
			EndpointCounts was = before.getOrDefault(organisationId, CountsRow.ZERO).counts();
			EndpointCounts now = row.counts();
			boolean bannedAppeared = was.banned() == 0 && now.banned() > 0;
			boolean gapAppeared = was.unprotected() == 0 && now.unprotected() > 0;
			if (bannedAppeared || gapAppeared || was.rolloutComplete() != now.rolloutComplete()
					|| was.rolloutComplete(true) != now.rolloutComplete(true)) {
				result.tell(Signal.inventoryChanged(organisationId));
			}
			if (bannedAppeared) {
				result.tell(Signal.bannedAppeared(campaignId, organisationId));
			}
		});
	}

}
