package nl.phaseout.engine.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Generates inventory events as a scanner would publish them: CloudEvents in structured mode, keyed
 * by organisation, with product mixes seen in government estates. Four in ten organisations run
 * Kaspersky on most endpoints; the others run Defender, Sophos or ESET; a few endpoints have no
 * active antivirus; many carry non-antivirus products (VPN, password manager, disk encryption),
 * some of them Kaspersky's, which are not banned.
 */
final class Workload {

	private static final Map<String, Object> KASPERSKY_ACTIVE = product("Kaspersky", "Kaspersky Endpoint Security",
			"11.11", "antivirus", "active");

	private static final Map<String, Object> KASPERSKY_PASSIVE = product("Kaspersky", "Kaspersky Endpoint Security",
			"11.11", "antivirus", "passive");

	private static final Map<String, Object> DEFENDER_ACTIVE = product("Microsoft", "Microsoft Defender Antivirus",
			"4.18", "antivirus", "active");

	private static final Map<String, Object> DEFENDER_DISABLED = product("Microsoft",
			"Microsoft Defender Antivirus", "4.18", "antivirus", "disabled");

	private static final Map<String, Object> SOPHOS = product("Sophos", "Sophos Intercept X", "2023.2", "antivirus",
			"active");

	private static final Map<String, Object> ESET = product("ESET", "ESET Endpoint Security", "10.1", "antivirus",
			"active");

	private static final List<Map<String, Object>> EXTRAS = List.of(
			product("Cisco", "Cisco Secure Client", "5.0", "vpn", "active"),
			product("Kaspersky", "Kaspersky Password Manager", "9.0", "password-manager", "active"),
			product("Microsoft", "BitLocker", null, "encryption", "active"));

	static final String SOURCE = "/benchmark/scanner";

	static final String SCAN_COMPLETED = "phaseout.inventory.scan-completed";

	private final Random random;

	private final Instant observedAt;

	Workload(long seed, Instant observedAt) {
		this.random = new Random(seed);
		this.observedAt = observedAt;
	}

	static String throughputOrganisation(int i) {
		return String.format("T%05d", i);
	}

	static String latencyOrganisation(int i) {
		return String.format("L%05d", i);
	}

	static String naiveOrganisation(int i) {
		return String.format("N%05d", i);
	}

	static boolean isLatencyOrganisation(String organisationId) {
		return organisationId.startsWith("L");
	}

	/** The advancement run's organisations, whose scans all arrive at once. */
	static String burstOrganisation(int i) {
		return String.format("B%05d", i);
	}

	static boolean isBurstOrganisation(String organisationId) {
		return organisationId.startsWith("B");
	}

	/** The advancement run's first wave, which warms the JVM and is not measured. */
	static String warmUpOrganisation(int i) {
		return String.format("W%05d", i);
	}

	static boolean isWarmUpOrganisation(String organisationId) {
		return organisationId.startsWith("W");
	}

	/** The organisations whose commits the {@link CommitClock} watches. */
	static boolean isTimedOrganisation(String organisationId) {
		return isLatencyOrganisation(organisationId) || isBurstOrganisation(organisationId)
				|| isWarmUpOrganisation(organisationId);
	}

	/** One organisation's observations in endpoint order, from its estate's product mix. */
	List<byte[]> observations(String organisationId, int endpoints) {
		boolean kasperskyEstate = random.nextInt(10) < 4;
		List<byte[]> events = new ArrayList<>(endpoints);
		for (int e = 0; e < endpoints; e++) {
			events.add(observed(organisationId, String.format("%s-EP%05d", organisationId, e),
					products(kasperskyEstate)));
		}
		return events;
	}

	byte[] scanCompleted(String organisationId, int endpointCount) {
		return event(SCAN_COMPLETED, Map.of("organisationId", organisationId, "scanId",
				"scan-" + organisationId, "completedAt", observedAt.plusSeconds(60).toString(), "endpointCount",
				endpointCount));
	}

	byte[] observed(String organisationId, String endpointId, List<Map<String, Object>> products) {
		return event("phaseout.endpoint.observed", Map.of("organisationId", organisationId, "endpointId", endpointId,
				"observedAt", observedAt.toString(), "products", products));
	}

	private List<Map<String, Object>> products(boolean kasperskyEstate) {
		List<Map<String, Object>> products = new ArrayList<>(4);
		int roll = random.nextInt(100);
		if (kasperskyEstate) {
			if (roll < 70) {
				products.add(KASPERSKY_ACTIVE);
				products.add(DEFENDER_DISABLED);
			}
			else if (roll < 80) {
				products.add(KASPERSKY_PASSIVE);
				products.add(DEFENDER_ACTIVE);
			}
			else if (roll < 97) {
				products.add(DEFENDER_ACTIVE);
			}
			else {
				products.add(DEFENDER_DISABLED);
			}
		}
		else if (roll < 75) {
			products.add(DEFENDER_ACTIVE);
		}
		else if (roll < 88) {
			products.add(SOPHOS);
		}
		else if (roll < 98) {
			products.add(ESET);
		}
		else {
			products.add(DEFENDER_DISABLED);
		}
		for (Map<String, Object> extra : EXTRAS) {
			if (random.nextInt(3) == 0) {
				products.add(extra);
			}
		}
		return products;
	}

	static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value) {
		return BenchmarkEvents.record(topic, key, value);
	}

	private static byte[] event(String type, Map<String, Object> data) {
		return BenchmarkEvents.cloudEvent(SOURCE, type, data);
	}

	private static Map<String, Object> product(String vendor, String name, String version, String category,
			String state) {
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("vendor", vendor);
		product.put("name", name);
		if (version != null) {
			product.put("version", version);
		}
		product.put("category", category);
		product.put("state", state);
		return product;
	}

}
