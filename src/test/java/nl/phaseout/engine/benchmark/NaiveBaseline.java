package nl.phaseout.engine.benchmark;

import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.process.ProcessConstants;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The usual Camunda 7 + Kafka pattern: a consumer that correlates a message to the organisation's process (by
 * business key) carrying the event in the one process variable {@value #VARIABLE}, overwritten each time. Same
 * process model, engine and database as the engine's run, before any of its load (the database then holds
 * the registrations alone), its own topics, as many consumers as the engine runs. Twice: correlating every
 * event, and correlating only the events that cross a threshold (the scans) at the throughput workload's
 * density, one in {@code endpoints + 1}, reading and parsing the others.
 */
final class NaiveBaseline {

	static final String VARIABLE = "inventoryEvent";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RuntimeService runtime;

	private final BenchmarkKafka kafka;

	NaiveBaseline(ConfigurableApplicationContext app, BenchmarkKafka kafka) {
		this.runtime = app.getBean(RuntimeService.class);
		this.kafka = kafka;
	}

	void run(Settings settings, Workload workload, Figures figures) {
		kafka.publishNaiveWorkload(settings, workload);
		LongAdder correlated = new LongAdder();
		BenchmarkKafka.Consumed every = kafka.consume(BenchmarkKafka.NAIVE_TOPIC, settings.naiveEvents(),
				record -> correlated.add(correlate(JSON.readTree(record.value()).path("data"))));
		figures.put("naive.rate", "naive: one message correlation per event", every.rate(),
				Figures.Unit.EVENTS_PER_SECOND,
				String.format("%,d events in %.1f s (%,d correlated) over %d organisations, %d consumer thread(s)",
						every.events(), every.seconds(), correlated.sum(),
						(settings.naiveEvents() + settings.endpointsPerOrganisation() - 1)
								/ settings.endpointsPerOrganisation(),
						kafka.consumers()));

		kafka.publishNaiveAtDensityWorkload(settings, workload);
		LongAdder crossings = new LongAdder();
		BenchmarkKafka.Consumed atDensity = kafka.consume(BenchmarkKafka.NAIVE_AT_DENSITY_TOPIC,
				settings.naiveAtDensityEvents(), record -> {
					JsonNode event = JSON.readTree(record.value());
					if (event.path("type").asText().equals(Workload.SCAN_COMPLETED)) {
						crossings.add(correlate(event.path("data")));
					}
				});
		figures.put("naive.density.rate", "naive at equal density: correlating the crossing events only",
				atDensity.rate(), Figures.Unit.EVENTS_PER_SECOND,
				String.format("%,d events in %.2f s, %,d of them crossing (one in %,d, as in the engine's run) and"
						+ " correlated, over %d organisations", atDensity.events(), atDensity.seconds(),
						crossings.sum(), settings.endpointsPerOrganisation() + 1,
						settings.naiveAtDensityOrganisations()));
	}

	private long correlate(JsonNode data) {
		return runtime.createMessageCorrelation(ProcessConstants.MESSAGE_INVENTORY_CHANGED)
			.processInstanceBusinessKey(data.path("organisationId").asText())
			.setVariable(VARIABLE, data.toString())
			.correlateAllWithResult()
			.size();
	}

}
