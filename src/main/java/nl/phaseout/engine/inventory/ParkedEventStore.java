package nl.phaseout.engine.inventory;

import static nl.phaseout.engine.system.SqlTime.timestamp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import nl.phaseout.engine.inventory.event.InventoryEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import nl.phaseout.engine.system.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code inv_parked_event} table: records kept, unchanged, until their organisation
 * registers, with their number per organisation in {@code inv_parked_organisation}. Callers hold
 * the organisation's counts lock, so checking for a repeat and inserting cannot race with another
 * writer for the same organisation. Bounded: anyone who may write a topic can name organisations
 * that do not exist, and without a bound fill the database with them. The bound on organisations
 * is checked without a lock on all of them: consumers parking new organisations at the same moment
 * may each take the last place.
 */
@Repository
class ParkedEventStore {

	private static final int CHUNK = 500;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final Clock clock = Clock.systemUTC();

	ParkedEventStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/** An event to keep, and the record it came in. */
	record Parked(InventoryEvent event, ConsumerRecord<String, byte[]> record) {

		EventId eventId() {
			return EventId.of(event.envelope());
		}

	}

	/** An event there is no room for, and why. */
	record Overflow(Parked parked, String reason) {
	}

	/** How many events were added, and those beyond the limits, which were not. */
	record Parking(int kept, List<Overflow> overflow) {
	}

	/**
	 * Keeps the events not kept already (a replayed topic repeats them) as far as the limits allow;
	 * answers how many it added and which it had no room for.
	 */
	Parking park(Collection<Parked> events, InventoryProperties.Parked limits) {
		List<Overflow> overflow = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		List<Parked> fresh = new ArrayList<>();
		Map<String, List<Parked>> byOrganisation = events.stream()
			.collect(Collectors.groupingBy(parked -> parked.event().organisationId(), TreeMap::new,
					Collectors.toList()));
		Map<String, Long> held = held(byOrganisation.keySet());
		long[] organisations = { organisations() };
		byOrganisation.forEach((organisationId, parkedEvents) -> {
			Set<EventId> known = known(organisationId,
					parkedEvents.stream().map(parked -> parked.event().envelope().id()).distinct().toList());
			long already = held.getOrDefault(organisationId, 0L);
			long added = 0;
			for (Parked parked : parkedEvents) {
				EventId id = parked.eventId();
				if (known.contains(id) || !seen.add(organisationId + "\n" + id.source() + "\n" + id.id())) {
					continue;
				}
				if (already == 0 && added == 0 && organisations[0] >= limits.maxOrganisations()) {
					overflow.add(new Overflow(parked, "organisation '" + SourcePatterns.printable(organisationId)
							+ "' is not registered, and events are kept already for " + limits.maxOrganisations()
							+ " organisations that are not, the most kept (phaseout.inventory.parked.max-organisations);"
							+ " register the organisation, then send the event again"));
				}
				else if (already + added >= limits.maxEventsPerOrganisation()) {
					overflow.add(new Overflow(parked, "organisation '" + SourcePatterns.printable(organisationId)
							+ "' is not registered, and " + limits.maxEventsPerOrganisation()
							+ " events are kept for it already, the most kept for one organisation"
							+ " (phaseout.inventory.parked.max-events-per-organisation); register the organisation,"
							+ " then send the event again"));
				}
				else {
					if (already == 0 && added == 0) {
						organisations[0]++;
					}
					added++;
					fresh.add(parked);
				}
			}
			if (added > 0) {
				count(organisationId, !held.containsKey(organisationId), already + added);
			}
		});
		var now = timestamp(clock.instant());
		jdbc.batchUpdate("INSERT INTO inv_parked_event (organisation_id, event_source, event_id, parked_at,"
				+ " record_topic, record_partition, record_offset, record_timestamp, record_bytes)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", fresh.stream().map(parked -> {
					ConsumerRecord<String, byte[]> record = parked.record();
					return new Object[] { parked.event().organisationId(), parked.eventId().source(),
							parked.eventId().id(), now, record.topic(), record.partition(), record.offset(),
							record.timestamp(), encode(record) };
				}).toList());
		return new Parking(fresh.size(), overflow);
	}

	private Map<String, Long> held(Collection<String> organisationIds) {
		Map<String, Long> held = new HashMap<>();
		List<String> ids = List.copyOf(organisationIds);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			named.query("SELECT organisation_id, events FROM inv_parked_organisation WHERE organisation_id IN (:ids)",
					new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))),
					rs -> {
						held.put(rs.getString(1), rs.getLong(2));
					});
		}
		return held;
	}

	private long organisations() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM inv_parked_organisation", Long.class);
		return count == null ? 0 : count;
	}

	private void count(String organisationId, boolean first, long events) {
		if (first) {
			jdbc.update("INSERT INTO inv_parked_organisation (organisation_id, events) VALUES (?, ?)", organisationId,
					events);
		}
		else {
			jdbc.update("UPDATE inv_parked_organisation SET events = ? WHERE organisation_id = ?", events,
					organisationId);
		}
	}

	/** The organisation's kept records, in the order they arrived. */
	List<ConsumerRecord<String, byte[]>> parked(String organisationId) {
		return jdbc.query("SELECT record_topic, record_partition, record_offset, record_timestamp, record_bytes"
				+ " FROM inv_parked_event WHERE organisation_id = ? ORDER BY seq",
				(rs, row) -> decode(rs.getString("record_topic"), rs.getInt("record_partition"),
						rs.getLong("record_offset"), rs.getLong("record_timestamp"), rs.getBytes("record_bytes")),
				organisationId);
	}

	void delete(String organisationId) {
		jdbc.update("DELETE FROM inv_parked_event WHERE organisation_id = ?", organisationId);
		jdbc.update("DELETE FROM inv_parked_organisation WHERE organisation_id = ?", organisationId);
	}

	long count() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM inv_parked_event", Long.class);
		return count == null ? 0 : count;
	}

	private Set<EventId> known(String organisationId, List<String> ids) {
		Set<EventId> found = new HashSet<>();
		for (int from = 0; from < ids.size(); from += CHUNK) {
			named.query("SELECT event_source, event_id FROM inv_parked_event WHERE organisation_id = :organisationId"
					+ " AND event_id IN (:ids)", new MapSqlParameterSource("organisationId", organisationId)
						.addValue("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))),
					rs -> {
						found.add(new EventId(rs.getString("event_source"), rs.getString("event_id")));
					});
		}
		return found;
	}

	/** Key, headers and value, each length-prefixed (-1 for null), so the record comes back byte for byte. */
	static byte[] encode(ConsumerRecord<String, byte[]> record) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			write(out, record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8));
			Header[] headers = record.headers().toArray();
			out.writeInt(headers.length);
			for (Header header : headers) {
				write(out, header.key().getBytes(StandardCharsets.UTF_8));
				write(out, header.value());
			}
			write(out, record.value());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static ConsumerRecord<String, byte[]> decode(String topic, int partition, long offset, long timestamp,
			byte[] encoded) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
			byte[] key = read(in);
			RecordHeaders headers = new RecordHeaders();
			int count = in.readInt();
			for (int i = 0; i < count; i++) {
				headers.add(new String(read(in), StandardCharsets.UTF_8), read(in));
			}
			byte[] value = read(in);
			return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME,
					key == null ? -1 : key.length, value == null ? -1 : value.length,
					key == null ? null : new String(key, StandardCharsets.UTF_8), value, headers, Optional.empty());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(DataOutputStream out, byte[] bytes) throws IOException {
		if (bytes == null) {
			out.writeInt(-1);
			return;
		}
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static byte[] read(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0) {
			return null;
		}
		return in.readNBytes(length);
	}

}
