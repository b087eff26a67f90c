package nl.phaseout.engine.inventory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import nl.phaseout.engine.inventory.event.InventoryEvent;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Builds {@code phaseout.inventory} records the way producers send them. */
final class TestRecords {

	private static long offset;

	private TestRecords() {
	}

	static ConsumerRecord<String, byte[]> structured(String key, String type, String id, String dataJson) {
		String value = """
				{"specversion":"1.0","id":"%s","source":"urn:test:intune","type":"%s",
				 "time":"2024-05-01T10:00:00Z","datacontenttype":"application/json","data":%s}"""
			.formatted(id, type, dataJson);
		return record(key, value, Map.of("content-type", InventoryEvent.STRUCTURED_CONTENT_TYPE));
	}

	static ConsumerRecord<String, byte[]> record(String key, String value, Map<String, String> headers) {
		return record(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
	}

	static ConsumerRecord<String, byte[]> record(String key, byte[] value, Map<String, String> headers) {
		var record = new ConsumerRecord<>(Topics.INVENTORY, 0, offset++, key, value);
		headers.forEach((name, headerValue) -> record.headers()
			.add(new RecordHeader(name, headerValue.getBytes(StandardCharsets.UTF_8))));
		return record;
	}

	static ConsumerRecord<String, byte[]> observed(String org, String endpoint, String id, String observedAt,
			String productsJson) {
		return structured(org, InventoryEvent.ENDPOINT_OBSERVED, id, """
				{"organisationId":"%s","endpointId":"%s","observedAt":"%s","products":%s}"""
			.formatted(org, endpoint, observedAt, productsJson));
	}

	static ConsumerRecord<String, byte[]> retired(String org, String endpoint, String id, String retiredAt) {
		return structured(org, InventoryEvent.ENDPOINT_RETIRED, id, """
				{"organisationId":"%s","endpointId":"%s","retiredAt":"%s"}""".formatted(org, endpoint, retiredAt));
	}

	static ConsumerRecord<String, byte[]> scan(String org, String scanId, String id, String completedAt, int count) {
		return structured(org, InventoryEvent.SCAN_COMPLETED, id, """
				{"organisationId":"%s","scanId":"%s","completedAt":"%s","endpointCount":%d}"""
			.formatted(org, scanId, completedAt, count));
	}

	static ConsumerRecord<String, byte[]> scan(String org, String scanId, String id, String completedAt, int count,
			String startedAt) {
		return structured(org, InventoryEvent.SCAN_COMPLETED, id, """
				{"organisationId":"%s","scanId":"%s","startedAt":"%s","completedAt":"%s","endpointCount":%d}"""
			.formatted(org, scanId, startedAt, completedAt, count));
	}

	static String product(String vendor, String name, String category, String state) {
		return """
				{"vendor":"%s","name":"%s","version":"1.0","category":"%s","state":"%s"}"""
			.formatted(vendor, name, category, state);
	}

	static final String KASPERSKY_ACTIVE = product("Kaspersky", "Kaspersky Endpoint Security", "antivirus", "active");

	static final String KASPERSKY_PASSIVE = product("Kaspersky", "Kaspersky Endpoint Security", "antivirus",
			"passive");

	static final String KASPERSKY_VPN = product("Kaspersky", "Kaspersky VPN", "vpn", "active");

	static final String DEFENDER_ACTIVE = product("Microsoft", "Defender", "antivirus", "active");

	static final String DEFENDER_PASSIVE = product("Microsoft", "Defender", "antivirus", "passive");

	static String products(String... products) {
		return "[" + String.join(",", products) + "]";
	}

}
