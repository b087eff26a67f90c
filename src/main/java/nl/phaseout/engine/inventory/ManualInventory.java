package nl.phaseout.engine.inventory;

import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.swagger.v3.oas.annotations.media.Schema;
import nl.phaseout.engine.inventory.ManualInventoryPublisher.Scan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Inventory for an organisation without a feed: its project manager (or the office) uploads the
 * endpoint list as CSV, and the engine publishes it on {@code phaseout.inventory.manual} as a feed
 * would, under the source {@code urn:phaseout:manual:<user>}. From there it travels the same path
 * as any feed: deduplicated, dead-lettered when invalid, counted, advancing the process. Only the
 * engine writes that topic, and only after the caller has checked who uploads for whom, so the
 * upload counts for its organisation without any {@code sources} or trusted-sources entry.
 * <p>
 * The list is the organisation's whole endpoint list at upload time: each endpoint listed is
 * observed then, and each endpoint that an earlier manual upload reported, still live and not
 * listed now, is retired then. Endpoints a feed reported are left alone. The scan carries
 * {@code startedAt}, the moment the upload began: an endpoint known but not in the upload is not
 * covered by it.
 */
@Service
public class ManualInventory {

	public static final String SOURCE_PREFIX = "urn:phaseout:manual:";

	private static final Logger log = LoggerFactory.getLogger(ManualInventory.class);

	private final ManualInventoryPublisher publisher;

	private final EndpointListing endpoints;

	private final ObjectProvider<ActiveCampaigns> campaigns;

	private final ManualInventoryProperties properties;

	private final Clock clock;

	ManualInventory(ManualInventoryPublisher publisher, EndpointListing endpoints,
			ObjectProvider<ActiveCampaigns> campaigns, ManualInventoryProperties properties,
			ObjectProvider<Clock> clock) {
		this.publisher = publisher;
		this.endpoints = endpoints;
		this.campaigns = campaigns;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** What was published: the scan, and how many rows, endpoints and retirements it holds. */
	@Schema(name = "InventoryUpload") // not the status report's Summary in the API's description
	public record Summary(String organisationId, String scanId, String source, int rows, int endpoints,
			int retired, Instant observedAt, Instant completedAt) {
	}

	/**
	 * Reads, validates and publishes one upload; nothing is published unless all of it is valid.
	 *
	 * @param user who uploads: the source is {@code urn:phaseout:manual:<user>}
	 * @throws InvalidUploadException naming the line of each bad row
	 */
	public Summary upload(String organisationId, String user, Reader csv) throws IOException {
		long started = System.nanoTime();
		// Kept to the microsecond, as the projection keeps event times.
		Instant observedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
		ManualUpload upload = ManualUpload.read(csv, properties.maxRows());
		// The scan completes once the whole list is read, after the observations it covers.
		Instant completedAt = latest(clock.instant().truncatedTo(ChronoUnit.MICROS), observedAt.plus(1, ChronoUnit.MICROS));
		long read = System.nanoTime();
		List<String> retired = noLongerListed(organisationId, upload);
		// The scan covers what it observed: a microsecond before its observations, so that the window from
		// startedAt to completedAt holds them however its ends are read.
		Instant startedAt = observedAt.minus(1, ChronoUnit.MICROS);
		Scan scan = new Scan(organisationId, SOURCE_PREFIX + user, "manual-" + UUID.randomUUID(), startedAt,
				observedAt, completedAt);
		publisher.publish(scan, upload, retired);
		long published = System.nanoTime();
		log.info("Manual inventory of {} by {} published as scan {}: {} rows, {} endpoints ({} distinct products),"
				+ " {} retired; read and validated in {} ms, published in {} ms", organisationId, user, scan.scanId(),
				upload.rows(), upload.endpointCount(), upload.distinctProducts(), retired.size(), millis(read - started),
				millis(published - read));
		return new Summary(organisationId, scan.scanId(), scan.source(), upload.rows(), upload.endpointCount(),
				retired.size(), observedAt, completedAt);
	}

	/** The most rows one upload may have ({@code phaseout.inventory.manual.max-rows}), for forms to say in advance. */
	public int maxRows() {
		return properties.maxRows();
	}

	/** Live endpoints that manual uploads reported and this one does not list, in any active campaign. */
	private List<String> noLongerListed(String organisationId, ManualUpload upload) {
		TreeSet<String> gone = new TreeSet<>();
		for (ActiveCampaigns.Campaign campaign : campaigns.getIfAvailable(ActiveCampaigns::defaultCampaign)
			.activeCampaigns()) {
			endpoints.liveReportedBy(campaign.campaignId(), organisationId, SOURCE_PREFIX)
				.stream()
				.filter(endpointId -> !upload.contains(endpointId))
				.forEach(gone::add);
		}
		return List.copyOf(gone);
	}

	private static Instant latest(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
