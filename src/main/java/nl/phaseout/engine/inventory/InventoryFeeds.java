package nl.phaseout.engine.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nl.phaseout.engine.inventory.InventoryProperties.Feed;
import nl.phaseout.engine.inventory.osquery.OsqueryResults;
import nl.phaseout.engine.system.InboundTopics;
import nl.phaseout.engine.system.Topics;
import org.springframework.stereotype.Component;

/**
 * Sources are authenticated by the topic they arrive on. A source inside an event is a claim;
 * which principal may write which topic is the broker's to say (ACLs). So each feed of
 * {@code phaseout.inventory.feeds} has a topic of its own: an event on it may claim only the
 * feed's sources, and an event claiming a feed's source is accepted only from the feed's topic.
 * The manual uploads are a feed too, on {@code phaseout.inventory.manual}, which only the engine
 * writes, after it has checked who uploads for whom: its events count for their organisation
 * without any {@code sources} or trusted-sources entry. osquery's result logs arrive on one topic per
 * organisation, {@code phaseout.inventory.osquery.<organisationId>}, which only that organisation's
 * agents write (ACLs): they are read as source {@value OsqueryResults#SOURCE} for the topic's
 * organisation, which counts without a {@code sources} entry, and that source is accepted from no
 * other topic. {@code phaseout.inventory} stays open to every other source, which must then be among
 * the organisation's sources or trusted.
 */
@Component(InventoryFeeds.BEAN)
class InventoryFeeds implements InboundTopics {

	static final String BEAN = "inventoryFeeds";

	/** The engine's own feed: the manual uploads. */
	static final Feed MANUAL = new Feed(Topics.INVENTORY_MANUAL, List.of(ManualInventory.SOURCE_PREFIX + "*"));

	private final List<Feed> configured;

	private final List<Feed> all;

	InventoryFeeds(InventoryProperties properties) {
		this.configured = properties.feeds();
		this.all = new ArrayList<>(configured);
		this.all.add(MANUAL);
	}

	/** The feeds' topics, created at start. */
	@Override
	public List<String> topics() {
		return configured.stream().map(Feed::topic).toList();
	}

	/** Every topic the inventory listener reads: {@code phaseout.inventory}, the manual uploads', the feeds'. */
	public String[] listened() {
		List<String> topics = new ArrayList<>();
		topics.add(Topics.INVENTORY);
		all.forEach(feed -> topics.add(feed.topic()));
		return topics.toArray(String[]::new);
	}

	/** The osquery topics, by pattern: an organisation's topic is read once it exists. */
	public String osqueryPattern() {
		return OsqueryResults.TOPIC_PATTERN;
	}

	/** Why an event of this source may not come from this topic; empty when it may. */
	Optional<String> refusal(String topic, String source) {
		boolean osqueryTopic = OsqueryResults.isOsqueryTopic(topic);
		if (osqueryTopic != OsqueryResults.SOURCE.equals(source)) {
			return Optional.of(osqueryTopic
					? "source '" + source + "' may not be claimed on topic '" + topic + "', which carries osquery's"
							+ " result logs (" + OsqueryResults.SOURCE + ") only"
					: "source '" + source + "' is accepted only from the topics " + OsqueryResults.TOPIC_PREFIX
							+ "<organisationId>, not from topic '" + topic + "': anyone may write there and claim it");
		}
		for (Feed feed : all) {
			if (feed.topic().equals(topic) && !SourcePatterns.anyMatches(feed.sources(), source)) {
				return Optional.of("source '" + source + "' may not be claimed on topic '" + topic
						+ "', which is the feed of " + String.join(", ", feed.sources()) + " only");
			}
		}
		List<String> homes = all.stream()
			.filter(feed -> SourcePatterns.anyMatches(feed.sources(), source))
			.map(Feed::topic)
			.toList();
		if (!homes.isEmpty() && !homes.contains(topic)) {
			return Optional.of("source '" + source + "' is accepted only from topic '" + String.join("', '", homes)
					+ "', not from topic '" + topic + "': anyone may write there and claim it");
		}
		return Optional.empty();
	}

	/**
	 * An event the engine itself published for an upload it authorised, or read from an
	 * organisation's osquery topic for that organisation: it counts for its organisation whatever the
	 * organisation's sources. Call after {@link #refusal} found none.
	 */
	boolean vouchedFor(String topic, String source) {
		return MANUAL.topic().equals(topic) && SourcePatterns.anyMatches(MANUAL.sources(), source)
				|| OsqueryResults.isOsqueryTopic(topic) && OsqueryResults.SOURCE.equals(source);
	}

	/** Whether the pattern matches the source of osquery's results. */
	static boolean claimsOsquery(String pattern) {
		return SourcePatterns.anyMatches(List.of(pattern), OsqueryResults.SOURCE);
	}

	/** Whether the pattern matches some manual upload's source. */
	static boolean claimsManual(String pattern) {
		String prefix = ManualInventory.SOURCE_PREFIX;
		return pattern.endsWith("*") ? prefix.startsWith(pattern.substring(0, pattern.length() - 1))
				|| pattern.startsWith(prefix) : pattern.startsWith(prefix);
	}

}
