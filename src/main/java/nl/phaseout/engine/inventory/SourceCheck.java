package nl.phaseout.engine.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.phaseout.engine.inventory.Refusals.Refusal;
import nl.phaseout.engine.inventory.ParkedEventStore.Parked;
import nl.phaseout.engine.inventory.event.InventoryEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may report for whom, checked on every valid event before it is applied. First whether its
 * source may come from the topic it came from ({@link InventoryFeeds}): a claim the topic does not
 * back is refused whatever else is configured. Then: an upload the engine published on
 * {@code phaseout.inventory.manual}, and a source of {@code phaseout.inventory.trusted-sources},
 * report for every organisation; any other source must be among the organisation's own sources. An event from another source changes nothing and is
 * dead-lettered, naming its source and organisation, once the transaction has committed. An
 * event for an organisation that is not registered yet is parked until it registers
 * ({@link ParkedInventory}). Registration takes the organisation's counts locks too, and the
 * check runs only after taking them, so an event arriving while an organisation registers is
 * either parked before the registration looks at the parked events, or checked against the
 * committed registration: never both, never neither.
 */
@Component
class SourceCheck {

	private static final Logger log = LoggerFactory.getLogger(SourceCheck.class);

	private final InventoryProperties properties;

	private final RegisteredOrganisations organisations;

	private final OrganisationLocks locks;

	private final ParkedEventStore parked;

	private final Refusals refusals;

	private final InventoryFeeds feeds;

	SourceCheck(InventoryProperties properties, InventoryFeeds feeds, RegisteredOrganisations organisations,
			OrganisationLocks locks, ParkedEventStore parked, Refusals refusals) {
		this.properties = properties;
		this.feeds = feeds;
		this.organisations = organisations;
		this.locks = locks;
		this.parked = parked;
		this.refusals = refusals;
	}

	/**
	 * The events that may be applied, in their order. Call in the transaction that applies them:
	 * it locks the organisations' counts rows, parks the events of unregistered organisations, and
	 * dead-letters the refused ones after commit.
	 */
	List<InventoryEvent> admit(List<InventoryEvent> all,
			Function<InventoryEvent, ConsumerRecord<String, byte[]>> records) {
		List<Refusal> refused = new ArrayList<>();
		List<InventoryEvent> events = new ArrayList<>(all.size());
		for (InventoryEvent event : all) {
			ConsumerRecord<String, byte[]> record = records.apply(event);
			feeds.refusal(record.topic(), event.envelope().source())
				.ifPresentOrElse(reason -> refused.add(new Refusal(record, reason)), () -> events.add(event));
		}
		if (events.stream().allMatch(event -> trusted(event, records.apply(event)))) {
			refusals.refuseAfterCommit(refused);
			return events;
		}
		lock(events.stream().map(InventoryEvent::organisationId).collect(Collectors.toCollection(TreeSet::new)));
		Map<String, List<String>> allowed = organisations.allowedSources(events.stream()
			.filter(event -> !trusted(event, records.apply(event)))
			.map(InventoryEvent::organisationId)
			.collect(Collectors.toCollection(TreeSet::new)));
		List<InventoryEvent> admitted = new ArrayList<>(events.size());
		List<Parked> toPark = new ArrayList<>();
		for (InventoryEvent event : events) {
			List<String> patterns = allowed.get(event.organisationId());
			if (trusted(event, records.apply(event))) {
				admitted.add(event);
			}
			else if (patterns == null) {
				toPark.add(new Parked(event, records.apply(event)));
			}
			else if (SourcePatterns.anyMatches(patterns, event.envelope().source())) {
				admitted.add(event);
			}
			else {
				refused.add(new Refusal(records.apply(event), refusal(event)));
			}
		}
		if (!toPark.isEmpty()) {
			ParkedEventStore.Parking parking = parked.park(toPark, properties.parked());
			parking.overflow().forEach(over -> refused.add(new Refusal(over.parked().record(), over.reason())));
			int parkedCount = toPark.size() - parking.overflow().size();
			refusals.countAfterCommit(Outcome.PARKED, parkedCount);
			log.info("Parking {} event(s) of organisations not registered yet ({} new)", parkedCount, parking.kept());
		}
		refusals.refuseAfterCommit(refused);
		return admitted;
	}

	/**
	 * Why the event, come in this record, may not report for an organisation that allows these
	 * patterns; empty when it may.
	 */
	Optional<String> refusal(InventoryEvent event, ConsumerRecord<String, byte[]> record,
			Collection<String> patterns) {
		Optional<String> wrongTopic = feeds.refusal(record.topic(), event.envelope().source());
		if (wrongTopic.isPresent()) {
			return wrongTopic;
		}
		return trusted(event, record) || SourcePatterns.anyMatches(patterns, event.envelope().source())
				? Optional.empty() : Optional.of(refusal(event));
	}

	/** Reports for every organisation: an upload the engine published, or a trusted source. */
	private boolean trusted(InventoryEvent event, ConsumerRecord<String, byte[]> record) {
		String source = event.envelope().source();
		return feeds.vouchedFor(record.topic(), source) || SourcePatterns.anyMatches(properties.trustedSources(), source);
	}

	static String refusal(InventoryEvent event) {
		return "source '" + event.envelope().source() + "' may not report for organisation '"
				+ event.organisationId() + "': it is neither among the organisation's sources nor a trusted source";
	}

	/** Takes the organisations' counts locks in every active campaign, in the order ingestion takes them. */
	void lock(Set<String> organisationIds) {
		locks.lock(organisationIds);
	}

	/** The sources the organisation allows, none when it is not registered. */
	List<String> allowedSources(String organisationId) {
		return organisations.allowedSources(List.of(organisationId)).getOrDefault(organisationId, List.of());
	}

}
