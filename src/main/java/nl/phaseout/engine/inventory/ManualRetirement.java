package nl.phaseout.engine.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * A person retires an endpoint that is gone (a stale one, typically: nothing will observe it again):
 * published on {@code phaseout.inventory.manual} as {@code phaseout.endpoint.retired}, under the
 * source {@code urn:phaseout:manual:<user>}, with the person's reason in its data, at the moment of
 * the request. From there it travels the path of any retirement. The caller checks who may retire
 * for whom, as for an upload.
 */
@Service
public class ManualRetirement {

	/** The longest reason accepted. */
	public static final int MAX_REASON_LENGTH = 4000;

	private final ManualInventoryPublisher publisher;

	private final EndpointRepository endpoints;

	private final ObjectProvider<ActiveCampaigns> campaigns;

	private final Clock clock;

	ManualRetirement(ManualInventoryPublisher publisher, EndpointRepository endpoints,
			ObjectProvider<ActiveCampaigns> campaigns, ObjectProvider<Clock> clock) {
		this.publisher = publisher;
		this.endpoints = endpoints;
		this.campaigns = campaigns;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** What was published. */
	public record Retirement(String eventId, String organisationId, String endpointId, String source,
			Instant retiredAt, String reason) {
	}

	/** Whether the endpoint is known for the organisation, and whether it is live. */
	public enum Known {
		UNKNOWN, RETIRED, LIVE
	}

	/** The endpoint as the projection knows it, in any active campaign. */
	public Known known(String organisationId, String endpointId) {
		Known known = Known.UNKNOWN;
		for (ActiveCampaigns.Campaign campaign : campaigns.getIfAvailable(ActiveCampaigns::defaultCampaign)
			.activeCampaigns()) {
			Map<String, EndpointRow> rows = endpoints.find(campaign.campaignId(), organisationId, Set.of(endpointId));
			EndpointRow row = rows.get(endpointId);
			if (row != null && !row.retired()) {
				return Known.LIVE;
			}
			if (row != null) {
				known = Known.RETIRED;
			}
		}
		return known;
	}

	/**
	 * Publishes the retirement of a live endpoint, now; empty when the endpoint is not live.
	 *
	 * @param reason why it is gone, 1 to {@value #MAX_REASON_LENGTH} characters (checked by the caller)
	 */
	public Optional<Retirement> retire(String organisationId, String endpointId, String user, String reason) {
		if (known(organisationId, endpointId) != Known.LIVE) {
			return Optional.empty();
		}
		Retirement retirement = new Retirement("retire-" + UUID.randomUUID(), organisationId, endpointId,
				ManualInventory.SOURCE_PREFIX + user, clock.instant().truncatedTo(ChronoUnit.MICROS), reason);
		publisher.publishRetirement(retirement);
		return Optional.of(retirement);
	}

}
