package nl.phaseout.engine.inventory.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import nl.phaseout.engine.inventory.event.CloudEventReader.CloudEvent;
import nl.phaseout.engine.inventory.event.InventoryEvent.AlternativeSelected;
import nl.phaseout.engine.inventory.event.InventoryEvent.ContractTerminated;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointObserved;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointRetired;
import nl.phaseout.engine.inventory.event.InventoryEvent.Envelope;
import nl.phaseout.engine.inventory.event.InventoryEvent.Product;
import nl.phaseout.engine.inventory.event.InventoryEvent.ScanCompleted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a record of {@code phaseout.inventory} into a typed {@link InventoryEvent}, or fails with
 * an {@link InvalidEventException} saying why. Pure: no I/O, no state. Unknown extra fields are
 * accepted. The record key, when present, must equal {@code data.organisationId}: the key decides
 * the partition and so the order in which an organisation's events are applied, and a producer
 * that keys by something else has a bug worth hearing about. A record without a key is accepted.
 * No time of an event ({@code time} and the data's own) may lie more than {@code maxClockSkew}
 * ahead of the engine's clock: an observation dated in the future would outrank every real one
 * to come and pin its endpoint's state. A contract's {@code endDate} may lie in the future.
 * Endpoint ids and product fields follow {@link EdgeText}: no control or formatting characters, no
 * {@code < > [ ]}, at most 200 characters.
 */
public final class InventoryEventParser {

	/** Records larger than this are dead-lettered unread. */
	public static final int MAX_RECORD_BYTES = 512 * 1024;

	/** How far an event's times may lie ahead of the engine's clock, unless {@code phaseout.inventory.max-clock-skew} says. */
	public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	private static final Set<String> STATES = Set.of("active", "passive", "disabled");

	private final CloudEventReader reader = new CloudEventReader();

	private final Clock clock;

	private final Duration maxClockSkew;

	public InventoryEventParser(Clock clock, Duration maxClockSkew) {
		this.clock = clock;
		this.maxClockSkew = maxClockSkew;
	}

	/** The engine's own clock and the default skew of five minutes. */
	public InventoryEventParser() {
		this(Clock.systemUTC(), DEFAULT_MAX_CLOCK_SKEW);
	}

	public InventoryEvent parse(ConsumerRecord<String, byte[]> record) {
		if (size(record) > MAX_RECORD_BYTES) {
			throw new InvalidEventException("record is larger than 512 KiB");
		}
		CloudEvent event = reader.read(record);
		JsonFields data = JsonFields.of(event.data(), "data");
		InventoryEvent parsed = switch (event.envelope().type()) {
			case InventoryEvent.ENDPOINT_OBSERVED -> observed(event.envelope(), data);
			case InventoryEvent.ENDPOINT_RETIRED -> new EndpointRetired(event.envelope(), organisationId(data),
					endpointId(data), data.timestamp("retiredAt"));
			case InventoryEvent.SCAN_COMPLETED -> scanCompleted(event.envelope(), data);
			case InventoryEvent.ALTERNATIVE_SELECTED -> new AlternativeSelected(event.envelope(),
					organisationId(data), data.text("vendor"), data.text("product"), data.timestamp("selectedAt"),
					data.optionalLabel("campaignId", 100));
			case InventoryEvent.CONTRACT_TERMINATED -> new ContractTerminated(event.envelope(), organisationId(data),
					data.text("vendor"), data.text("contractId"), data.timestamp("terminatedAt"),
					data.optionalDate("endDate"));
			default -> throw new InvalidEventException("unknown event type '" + event.envelope().type() + "'");
		};
		if (record.key() != null && !record.key().equals(parsed.organisationId())) {
			throw new InvalidEventException("record key '" + record.key() + "' does not match data.organisationId '"
					+ parsed.organisationId() + "'");
		}
		checkNotAhead(parsed);
		return parsed;
	}

	private static ScanCompleted scanCompleted(InventoryEvent.Envelope envelope, JsonFields data) {
		ScanCompleted scan = new ScanCompleted(envelope, organisationId(data), data.text("scanId"),
				data.timestamp("completedAt"), data.nonNegativeLong("endpointCount"),
				data.optionalTimestamp("startedAt"));
		if (scan.startedAt() != null && scan.startedAt().isAfter(scan.completedAt())) {
			throw new InvalidEventException("data.startedAt " + scan.startedAt() + " is after data.completedAt "
					+ scan.completedAt() + ": a scan ends after it starts");
		}
		return scan;
	}

	private void checkNotAhead(InventoryEvent event) {
		Instant latest = clock.instant().plus(maxClockSkew);
		notAfter("CloudEvents attribute 'time'", event.envelope().time(), latest);
		if (event instanceof EndpointObserved observed) {
			notAfter("data.observedAt", observed.observedAt(), latest);
		}
		else if (event instanceof EndpointRetired retired) {
			notAfter("data.retiredAt", retired.retiredAt(), latest);
		}
		else if (event instanceof ScanCompleted scan) {
			notAfter("data.completedAt", scan.completedAt(), latest);
		}
		else if (event instanceof AlternativeSelected selected) {
			notAfter("data.selectedAt", selected.selectedAt(), latest);
		}
		else if (event instanceof ContractTerminated terminated) {
			notAfter("data.terminatedAt", terminated.terminatedAt(), latest);
		}
	}

	private void notAfter(String what, Instant time, Instant latest) {
		if (time != null && time.isAfter(latest)) {
			throw new InvalidEventException(what + " " + time + " is more than " + words(maxClockSkew)
					+ " ahead of the engine's clock (" + latest.minus(maxClockSkew)
					+ "); an event cannot report the future");
		}
	}

	private static String words(Duration duration) {
		long seconds = duration.toSeconds();
		return seconds % 60 == 0 ? (seconds / 60) + " minute" + (seconds == 60 ? "" : "s")
				: seconds + " second" + (seconds == 1 ? "" : "s");
	}

	private static EndpointObserved observed(Envelope envelope, JsonFields data) {
		String organisationId = organisationId(data);
		String endpointId = endpointId(data);
		var observedAt = data.timestamp("observedAt");
		JsonNode list = data.node("products");
		if (list == null) {
			throw new InvalidEventException("missing data.products");
		}
		if (!list.isArray()) {
			throw new InvalidEventException("data.products must be a list");
		}
		List<Product> products = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			products.add(product(JsonFields.of(list.get(i), "data.products[" + i + "]")));
		}
		return new EndpointObserved(envelope, organisationId, endpointId, observedAt, List.copyOf(products));
	}

	private static Product product(JsonFields product) {
		String vendor = product.label("vendor", EdgeText.MAX_LENGTH);
		String name = product.label("name", EdgeText.MAX_LENGTH);
		String version = product.optionalLabel("version", 100);
		String category = product.label("category", EdgeText.MAX_LENGTH);
		String state = product.label("state", EdgeText.MAX_LENGTH).toLowerCase(Locale.ROOT);
		if (!STATES.contains(state)) {
			throw new InvalidEventException(product.path("state") + " must be one of active, passive, disabled");
		}
		return new Product(vendor, name, version, category, state);
	}

	/** Shown to people wherever endpoints are listed: {@link EdgeText}'s rule. */
	private static String endpointId(JsonFields data) {
		return data.label("endpointId", EdgeText.MAX_LENGTH);
	}

	private static String organisationId(JsonFields data) {
		return data.text("organisationId", 100);
	}

	private static long size(ConsumerRecord<String, byte[]> record) {
		long size = record.value() == null ? 0 : record.value().length;
		for (Header header : record.headers()) {
			size += header.key().length() + (header.value() == null ? 0 : header.value().length);
		}
		return size;
	}

}
