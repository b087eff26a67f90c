package nl.phaseout.engine.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;
import nl.phaseout.engine.inventory.event.InventoryEvent.EndpointObserved;
import nl.phaseout.engine.inventory.event.InventoryEventParser;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What turning one {@code endpoint.observed} record into an {@code InventoryEvent} costs, on one thread
 * and without Kafka or a database: the benchmark's own events, in structured mode as it publishes them
 * and in binary mode (the same attributes as {@code ce_*} headers, the data as the value). Prints the
 * microseconds a record for each round; the first rounds warm the JIT up. Run it after
 * {@code ./mvnw -o -B test-compile} with the test classpath:
 * {@code java -cp target/classes:target/test-classes:<dependencies> nl.phaseout.engine.benchmark.ParseCost}.
 */
public final class ParseCost {

	private static final int RECORDS = 20_000;

	private static final int ROUNDS = 20;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private ParseCost() {
	}

	public static void main(String[] args) throws IOException {
		Instant observedAt = Instant.now().minusSeconds(3600);
		List<ConsumerRecord<String, byte[]>> structured = new ArrayList<>(RECORDS);
		List<ConsumerRecord<String, byte[]>> binary = new ArrayList<>(RECORDS);
		Workload workload = new Workload(42, observedAt);
		for (int o = 0; structured.size() < RECORDS; o++) {
			String organisationId = Workload.throughputOrganisation(o);
			for (byte[] value : workload.observations(organisationId, 100)) {
				structured.add(structured(organisationId, value, structured.size()));
				binary.add(binary(organisationId, value, binary.size()));
			}
		}
		InventoryEventParser parser = new InventoryEventParser();
		for (int round = 1; round <= ROUNDS; round++) {
			System.out.printf("round %2d: structured %s, binary %s%n", round, cost(parser, structured),
					cost(parser, binary));
		}
	}

	private static String cost(InventoryEventParser parser, List<ConsumerRecord<String, byte[]>> records) {
		long products = 0;
		long bytes = THREADS.getCurrentThreadAllocatedBytes();
		long start = THREADS.getCurrentThreadCpuTime();
		for (ConsumerRecord<String, byte[]> record : records) {
			products += ((EndpointObserved) parser.parse(record)).products().size();
		}
		long nanos = THREADS.getCurrentThreadCpuTime() - start;
		bytes = THREADS.getCurrentThreadAllocatedBytes() - bytes;
		if (products == 0) {
			throw new IllegalStateException("no products read");
		}
		return String.format("%.2f µs %,d bytes a record", nanos / 1000.0 / records.size(), bytes / records.size());
	}

	private static ConsumerRecord<String, byte[]> structured(String key, byte[] value, long offset) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.INVENTORY, 0, offset, key, value);
		header(record, "content-type", "application/cloudevents+json");
		return record;
	}

	/** The same event in binary mode: its attributes as {@code ce_*} headers, its data as the value. */
	private static ConsumerRecord<String, byte[]> binary(String key, byte[] structuredValue, long offset)
			throws IOException {
		JsonNode event = JSON.readTree(structuredValue);
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.INVENTORY, 0, offset, key,
				JSON.writeValueAsBytes(event.get("data")));
		for (String attribute : List.of("specversion", "id", "source", "type")) {
			header(record, "ce_" + attribute, event.get(attribute).textValue());
		}
		header(record, "content-type", event.get("datacontenttype").textValue());
		return record;
	}

	private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
