package nl.phaseout.engine.benchmark;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.process.ProcessConstants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The usual Camunda 7 + Kafka pattern: a consumer that, for every event, correlates one message to the
 * organisation's process (by business key) carrying the event as a process variable. Same process model,
 * same engine and database, its own topic and organisations, one thread.
 */
final class NaiveBaseline {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RuntimeService runtime;

	private final BenchmarkKafka kafka;

	NaiveBaseline(ConfigurableApplicationContext app, BenchmarkKafka kafka) {
		this.runtime = app.getBean(RuntimeService.class);
		this.kafka = kafka;
	}

	void run(Settings settings, Workload workload, Figures figures) throws Exception {
		kafka.publishNaiveWorkload(settings, workload);
		int events = settings.naiveEvents();
		long correlated = 0;
		long first = 0;
		try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(BenchmarkKafka.NAIVE_TOPIC)) {
			int count = 0;
			while (count < events) {
				ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(5));
				if (records.isEmpty()) {
					throw new IllegalStateException("Naive consumer saw " + count + " of " + events + " events");
				}
				if (first == 0) {
					first = System.nanoTime();
				}
				for (ConsumerRecord<String, byte[]> record : records) {
					JsonNode data = JSON.readTree(record.value()).path("data");
					correlated += runtime.createMessageCorrelation(ProcessConstants.MESSAGE_INVENTORY_CHANGED)
						.processInstanceBusinessKey(data.path("organisationId").asText())
						.setVariable("endpoint:" + data.path("endpointId").asText(), data.path("products").toString())
						.correlateAllWithResult()
						.size();
					count++;
				}
			}
		}
		double seconds = (System.nanoTime() - first) / 1e9;
		figures.number("naive.rate", events / seconds);
		figures.put("2. naive: one message correlation per event", Figures.rate(events / seconds),
				String.format("%,d events in %.1f s (%,d correlated) over %d organisations, one thread", events,
						seconds, correlated, settings.naiveOrganisations()));
	}

}
