package nl.phaseout.engine.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.ActiveCampaigns.Campaign;

/**
 * Projects one organisation's stored endpoints into a campaign, as if the campaign had seen their
 * events: every other campaign's rows are walked in pages (the latest observation and the latest
 * retirement of each endpoint win, as in ingestion; on a tie the campaign's own row stays), classified
 * by the campaign's decision, then the campaign's own rows are classified again (its decision may have
 * changed), the counts made afresh from the rows on the organisation's inventory clock, and the process
 * told, as ingestion would. Under the organisation's counts lock in the campaign, the one ingestion
 * takes, so an observation arriving meanwhile is folded in before or after, never lost, never counted
 * twice: the latest {@code observedAt} wins either way. Repeating it changes nothing. An endpoint last
 * observed before product lists were kept (0.1) cannot be classified again: it keeps the state another
 * campaign gave it, as {@link Reclassification} leaves such rows.
 */
@Component
class OrganisationAdoption {

	static final int PAGE = 500;

	private final CountsRepository counts;

	private final EndpointRepository endpoints;

	private final EndpointFolder folder;

	private final StaleCounts freshness;

	private final RollingVerification rollingVerification;

	OrganisationAdoption(CountsRepository counts, EndpointRepository endpoints, ProductClassifier classifier,
			StaleCounts freshness, RollingVerification rollingVerification) {
		this.counts = counts;
		this.endpoints = endpoints;
		this.folder = new EndpointFolder(classifier);
		this.freshness = freshness;
		this.rollingVerification = rollingVerification;
	}

	/** What the adoption did: the process's signals, and how many of the campaign's rows it wrote. */
	record Adopted(ProjectionResult result, long endpointsWritten) {
	}

	/** Adopts the organisation's endpoints of the {@code sources} campaigns into the campaign; call in a transaction. */
	Adopted adopt(Campaign campaign, String organisationId, Collection<String> sources) {
		ProjectionResult result = ProjectionResult.empty();
		CountsRow before = counts.lock(campaign.campaignId(), organisationId);
		Instant[] latest = { null };
		long written = 0;
		for (String source : sources.stream().filter(id -> !id.equals(campaign.campaignId())).sorted().toList()) {
			written += walk(source, organisationId, page -> {
				Map<String, EndpointRow> own = endpoints.find(campaign.campaignId(), organisationId,
						page.stream().map(EndpointRow::endpointId).toList());
				List<EndpointRow> inserts = new ArrayList<>();
				List<EndpointRow> updates = new ArrayList<>();
				for (EndpointRow theirs : page) {
					EndpointRow ours = own.get(theirs.endpointId());
					EndpointRow merged = merge(campaign, ours, theirs);
					if (!merged.equals(ours)) {
						(ours == null ? inserts : updates).add(merged);
						latest[0] = Freshness.later(latest[0], merged.latestTime());
					}
				}
				endpoints.insert(inserts);
				endpoints.update(updates);
				return inserts.size() + updates.size();
			});
		}
		written += walk(campaign.campaignId(), organisationId, page -> {
			List<EndpointRow> changed = new ArrayList<>();
			for (EndpointRow row : page) {
				EndpointRow now = folder.reclassify(campaign, row);
				if (!now.equals(row)) {
					changed.add(now);
				}
			}
			endpoints.update(changed);
			return changed.size();
		});
		Instant clock = freshness.clock(campaign, organisationId);
		CountsRow after = new CountsRow(EndpointCounts.NONE, Freshness.later(before.inventoryTime(), latest[0]), clock,
				campaign.staleAfter(), before.rollingSince());
		after = new CountsRow(endpoints.tally(campaign.campaignId(), organisationId, after.threshold()),
				after.inventoryTime(), clock, campaign.staleAfter(), before.rollingSince());
		if (rollingVerification.rolling(organisationId)) {
			after = rollingVerification.follow(campaign, organisationId, before, after, result);
		}
		counts.update(campaign.campaignId(), Map.of(organisationId, after));
		InventoryProjection.compare(campaign.campaignId(), Map.of(organisationId, before),
				Map.of(organisationId, after), result);
		// a process that waits for the campaign's adoption of the organisation hears of it, changed or not
		result.tell(Signal.inventoryChanged(organisationId));
		return new Adopted(result, written);
	}

	/** Walks the organisation's rows in the campaign a page at a time; the sum of what each page wrote. */
	private long walk(String campaignId, String organisationId, ToIntFunction<List<EndpointRow>> work) {
		long written = 0;
		String after = "";
		List<EndpointRow> page;
		do {
			page = endpoints.page(campaignId, organisationId, after, PAGE);
			if (page.isEmpty()) {
				break;
			}
			written += work.applyAsInt(page);
			after = page.get(page.size() - 1).endpointId();
		}
		while (page.size() == PAGE);
		return written;
	}

	/**
	 * The campaign's row for the endpoint once another campaign's row is folded in: the later observation
	 * (with its products, classified by this campaign's decision) and the later retirement; the event
	 * that made it so is that of the row with the later inventory time. On a tie the campaign's own
	 * row stays, as ingestion keeps the first of two observations made at once. An exemption is the
	 * campaign's own: it stays with its row.
	 */
	EndpointRow merge(Campaign campaign, EndpointRow ours, EndpointRow theirs) {
		if (ours == null) {
			EndpointRow copy = new EndpointRow(campaign.campaignId(), theirs.organisationId(), theirs.endpointId(),
					theirs.observedAt(), theirs.retiredAt(), theirs.state(), theirs.bannedProducts(), theirs.lastEvent(),
					theirs.products());
			return folder.reclassify(campaign, copy);
		}
		boolean newerObservation = theirs.observedAt() != null
				&& (ours.observedAt() == null || theirs.observedAt().isAfter(ours.observedAt()));
		EndpointRow observed = newerObservation ? theirs : ours;
		Instant retiredAt = Freshness.later(ours.retiredAt(), theirs.retiredAt());
		EndpointRow latest = theirs.latestTime() != null
				&& (ours.latestTime() == null || theirs.latestTime().isAfter(ours.latestTime())) ? theirs : ours;
		EndpointRow merged = new EndpointRow(campaign.campaignId(), ours.organisationId(), ours.endpointId(),
				observed.observedAt(), retiredAt, observed.state(), observed.bannedProducts(), latest.lastEvent(),
				observed.products(), ours.exempted());
		return newerObservation ? folder.reclassify(campaign, merged) : merged;
	}

}
