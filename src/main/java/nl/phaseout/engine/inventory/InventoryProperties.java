package nl.phaseout.engine.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import nl.phaseout.engine.inventory.event.InventoryEventParser;
import nl.phaseout.engine.inventory.osquery.OsqueryResults;
import nl.phaseout.engine.system.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The inventory ingestion's settings, under {@code phaseout.inventory}.
 *
 * @param trustedSources CloudEvents sources (exact, or a prefix ending in {@code *}) that may
 * report for every organisation; none unless set
 * @param maxClockSkew how far an event's times may lie ahead of the engine's clock; later ones are
 * dead-lettered, since an observation dated in the future would outrank every real one to come
 * @param feeds the feeds with a topic of their own: their sources are accepted from that topic only,
 * and that topic accepts no other source (with ACLs, only the feed's principal writes it)
 * @param parked how much is kept for organisations that are not registered yet
 */
@ConfigurationProperties("phaseout.inventory")
record InventoryProperties(List<String> trustedSources, @DefaultValue("PT5M") Duration maxClockSkew, List<Feed> feeds,
		@DefaultValue Parked parked) {

	/** Kafka's own rule for a topic name. */
	private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

	/** The contract's topics: no feed may take one. */
	private static final Set<String> RESERVED = Set.of(Topics.INVENTORY, Topics.INVENTORY_DLT, Topics.INVENTORY_MANUAL,
			Topics.STATUS);

	@ConstructorBinding
	InventoryProperties {
		trustedSources = trustedSources == null ? List.of()
				: trustedSources.stream().filter(entry -> entry != null && !entry.isBlank()).toList();
		List<String> problems = SourcePatterns.problems(trustedSources);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("phaseout.inventory.trusted-sources: " + String.join("; ", problems));
		}
		trustedSources = SourcePatterns.normalise(trustedSources);
		if (maxClockSkew == null || maxClockSkew.isNegative()) {
			throw new IllegalArgumentException("phaseout.inventory.max-clock-skew must be zero or more");
		}
		feeds = feeds == null ? List.of() : feeds.stream().map(Feed::normalised).toList();
		List<String> feedProblems = feedProblems(feeds);
		if (!feedProblems.isEmpty()) {
			throw new IllegalArgumentException("phaseout.inventory.feeds: " + String.join("; ", feedProblems));
		}
		parked = parked == null ? Parked.DEFAULTS : parked;
	}

	InventoryProperties(List<String> trustedSources, Duration maxClockSkew) {
		this(trustedSources, maxClockSkew, List.of(), Parked.DEFAULTS);
	}

	static InventoryProperties defaults() {
		return new InventoryProperties(List.of(), InventoryEventParser.DEFAULT_MAX_CLOCK_SKEW);
	}

	/**
	 * One feed: the topic it alone writes and the sources it speaks as.
	 *
	 * @param topic a topic of its own (not one of the contract's)
	 * @param sources exact sources or prefixes ending in {@code *}; at least one
	 */
	record Feed(String topic, List<String> sources) {

		Feed normalised() {
			List<String> entries = sources == null ? List.of()
					: sources.stream().filter(entry -> entry != null && !entry.isBlank()).toList();
			return new Feed(topic == null ? null : topic.strip(),
					SourcePatterns.problems(entries).isEmpty() ? SourcePatterns.normalise(entries) : entries);
		}

	}

	/**
	 * @param maxOrganisations how many unregistered organisations events are kept for
	 * @param maxEventsPerOrganisation how many events are kept for one unregistered organisation
	 */
	record Parked(@DefaultValue("10000") int maxOrganisations, @DefaultValue("200000") long maxEventsPerOrganisation) {

		static final Parked DEFAULTS = new Parked(10_000, 200_000);

		Parked {
			if (maxOrganisations < 0 || maxEventsPerOrganisation < 0) {
				throw new IllegalArgumentException("phaseout.inventory.parked: the limits must be zero or more");
			}
		}

	}

	private static List<String> feedProblems(List<Feed> feeds) {
		List<String> problems = new ArrayList<>();
		Set<String> topics = new HashSet<>();
		for (int i = 0; i < feeds.size(); i++) {
			Feed feed = feeds.get(i);
			String where = "feed " + i + (feed.topic() == null ? "" : " ('" + feed.topic() + "')");
			if (feed.topic() == null || feed.topic().isEmpty()) {
				problems.add(where + ": topic is required");
			}
			else if (!TOPIC.matcher(feed.topic()).matches()) {
				problems.add(where + ": a topic name is 1 to 249 letters, digits, '.', '_' or '-'");
			}
			else if (OsqueryResults.isOsqueryTopic(feed.topic())) {
				problems.add(where + ": topics " + OsqueryResults.TOPIC_PREFIX + "<organisationId> carry osquery's"
						+ " result logs, which the engine reads without a feed; give the feed a topic of its own");
			}
			else if (RESERVED.contains(feed.topic())) {
				problems.add(where + ": topic '" + feed.topic() + "' is one of the engine's own; give the feed a topic"
						+ " of its own, such as 'phaseout.inventory.intune'");
			}
			else if (!topics.add(feed.topic())) {
				problems.add(where + ": another feed has the same topic");
			}
			if (feed.sources().isEmpty()) {
				problems.add(where + ": sources is required, the sources the feed speaks as");
			}
			SourcePatterns.problems(feed.sources()).forEach(problem -> problems.add(where + ": " + problem));
			for (String source : feed.sources()) {
				if (InventoryFeeds.claimsOsquery(source)) {
					problems.add(where + ": source '" + source + "' would take osquery's source ("
							+ OsqueryResults.SOURCE + "), which the engine reads from the osquery topics only");
				}
				if (InventoryFeeds.claimsManual(source)) {
					problems.add(where + ": source '" + source + "' would take the manual uploads' sources ("
							+ ManualInventory.SOURCE_PREFIX + "*), which only the engine publishes");
				}
			}
		}
		return problems;
	}

}
