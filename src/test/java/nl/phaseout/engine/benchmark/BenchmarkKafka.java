package nl.phaseout.engine.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The load generator, the consumers that read a topic as the engine's listener does (same consumer settings,
 * as many consumers as it runs), and consumer-group lag.
 */
final class BenchmarkKafka implements AutoCloseable {

	static final String NAIVE_TOPIC = "benchmark.naive";

	static final String NAIVE_AT_DENSITY_TOPIC = "benchmark.naive.density";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, Object> consumerSettings;

	private final int consumers;

	private final Admin admin;

	private final KafkaProducer<String, byte[]> bulk;

	private final KafkaProducer<String, byte[]> immediate;

	private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

	/**
	 * The engine's consumer settings are those of the consumer factory its listener uses (fetch sizes, records
	 * a poll, isolation), less its group: these consumers are assigned partitions, as a group would share them.
	 */
	BenchmarkKafka(ConfigurableApplicationContext app, MessageListenerContainer listener) {
		String bootstrap = app.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
		Map<String, Object> settings = new HashMap<>(app.getBean(ConsumerFactory.class).getConfigurationProperties());
		settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
		settings.remove(ConsumerConfig.CLIENT_ID_CONFIG);
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		this.consumerSettings = Collections.unmodifiableMap(settings);
		this.consumers = ((ConcurrentMessageListenerContainer<?, ?>) listener).getConcurrency();
		this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
		createNaiveTopics();
		this.bulk = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 20,
				"batch.size", 256 * 1024), new StringSerializer(), new ByteArraySerializer());
		this.immediate = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 0),
				new StringSerializer(), new ByteArraySerializer());
	}

	/** The engine's consumer settings, less its group. */
	Map<String, Object> consumerSettings() {
		return consumerSettings;
	}

	/** How many consumers the engine's listener runs, and so these. */
	int consumers() {
		return consumers;
	}

	/** The engine's consumer settings that decide how much a poll brings, for the notes. */
	String fetchSettings() {
		return Stream.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
				ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)
			.map(key -> key + " " + consumerSettings.getOrDefault(key, "default"))
			.collect(Collectors.joining(", "));
	}

	/** Organisations in groups of ten scanned at once (their observations interleaved), each followed by its scan. */
	void publishThroughputWorkload(Settings settings, Workload workload, Figures figures) {
		long start = System.nanoTime();
		int endpoints = settings.endpointsPerOrganisation();
		for (int first = 0; first < settings.organisations(); first += 10) {
			List<String> group = new ArrayList<>();
			List<List<byte[]>> observations = new ArrayList<>();
			for (int i = first; i < Math.min(settings.organisations(), first + 10); i++) {
				group.add(Workload.throughputOrganisation(i));
				observations.add(workload.observations(Workload.throughputOrganisation(i), endpoints));
			}
			for (int e = 0; e < endpoints; e++) {
				for (int o = 0; o < group.size(); o++) {
					send(bulk, Workload.record(Topics.INVENTORY, group.get(o), observations.get(o).get(e)));
				}
			}
			for (String organisationId : group) {
				send(bulk, Workload.record(Topics.INVENTORY, organisationId,
						workload.scanCompleted(organisationId, endpoints)));
			}
		}
		bulk.flush();
		failOnSendFailure();
		double seconds = (System.nanoTime() - start) / 1e9;
		figures.put("published.seconds", "workload published", seconds, Figures.Unit.SECONDS,
				String.format("%,d events: %,d organisations x %,d endpoints + one scan-completed each, keyed by"
						+ " organisation", settings.throughputEvents(), settings.organisations(), endpoints));
	}

	/** Created before anything is published: a fresh topic's leaders may still move under a producer. */
	private void createNaiveTopics() {
		try {
			admin.createTopics(List.of(new NewTopic(NAIVE_TOPIC, 3, (short) 1),
					new NewTopic(NAIVE_AT_DENSITY_TOPIC, 3, (short) 1))).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create the naive baseline's topics", ex);
		}
	}

	/** Observations only, organisation after organisation: every event is correlated. */
	void publishNaiveWorkload(Settings settings, Workload workload) {
		int left = settings.naiveEvents();
		for (int i = 0; left > 0; i++) {
			String organisationId = Workload.naiveOrganisation(i);
			for (byte[] event : workload.observations(organisationId, settings.endpointsPerOrganisation())) {
				if (left-- == 0) {
					break;
				}
				send(bulk, Workload.record(NAIVE_TOPIC, organisationId, event));
			}
		}
		bulk.flush();
		failOnSendFailure();
	}

	/** As the throughput workload is made: each organisation's observations, then its scan. */
	void publishNaiveAtDensityWorkload(Settings settings, Workload workload) {
		int endpoints = settings.endpointsPerOrganisation();
		for (int i = 0; i < settings.naiveAtDensityOrganisations(); i++) {
			String organisationId = Workload.naiveOrganisation(i);
			for (byte[] event : workload.observations(organisationId, endpoints)) {
				send(bulk, Workload.record(NAIVE_AT_DENSITY_TOPIC, organisationId, event));
			}
			send(bulk, Workload.record(NAIVE_AT_DENSITY_TOPIC, organisationId,
					workload.scanCompleted(organisationId, endpoints)));
		}
		bulk.flush();
		failOnSendFailure();
	}

	/** Sends without linger; returns once handed to the client (not acknowledged). */
	void publishNow(String organisationId, byte[] event) {
		send(immediate, Workload.record(Topics.INVENTORY, organisationId, event));
	}

	void flushNow() {
		immediate.flush();
		failOnSendFailure();
	}

	/** Plain consumers reading the workload from the start and parsing every event. */
	void ceiling(int events, Figures figures) {
		Consumed consumed = consume(Topics.INVENTORY, events, record -> {
			JsonNode event = JSON.readTree(record.value());
			if (!event.path("data").path("organisationId").asText().equals(record.key())) {
				throw new IllegalStateException("Ceiling consumer parsed an event whose key is not its organisation");
			}
		});
		figures.put("ceiling.rate", "ceiling: plain KafkaConsumer, read + parse", consumed.rate(),
				Figures.Unit.EVENTS_PER_SECOND,
				String.format("%,d events in %.2f s, JSON parsed with Jackson; %d consumer thread(s) as the engine"
						+ " runs, its consumer settings (%s)", events, consumed.seconds(), consumers, fetchSettings()));
	}

	/**
	 * Reads the topic from the start to its end as it is now, in as many threads as the engine runs consumers,
	 * each assigned its share of the partitions, handing each record to the handler (which must be safe to call
	 * from each thread); timed from the first record any of them received to the last handled.
	 */
	Consumed consume(String topic, long events, RecordHandler handler) {
		AtomicLong first = new AtomicLong(Long.MAX_VALUE);
		LongAdder count = new LongAdder();
		ExecutorService threads = Executors.newFixedThreadPool(consumers);
		try {
			List<TopicPartition> partitions = partitions(topic);
			List<Future<Long>> done = new ArrayList<>();
			for (int thread = 0; thread < consumers; thread++) {
				int share = thread;
				List<TopicPartition> assigned = partitions.stream().filter(p -> p.partition() % consumers == share)
					.toList();
				done.add(threads.submit(() -> consumeAll(assigned, handler, first, count)));
			}
			long last = 0;
			for (Future<Long> thread : done) {
				last = Math.max(last, thread.get());
			}
			if (count.sum() != events) {
				throw new IllegalStateException("Read " + count.sum() + " of " + events + " events from " + topic);
			}
			return new Consumed(events, (last - first.get()) / 1e9);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Reading " + topic + " failed", ex.getCause());
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Returns when the last record of the partitions was handled. */
	private long consumeAll(List<TopicPartition> partitions, RecordHandler handler, AtomicLong first,
			LongAdder count) throws Exception {
		long last = 0;
		if (partitions.isEmpty()) {
			return last;
		}
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerSettings, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
				ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(5));
				if (records.isEmpty()) {
					throw new IllegalStateException("No records in 5 s, before the end of " + partitions);
				}
				first.accumulateAndGet(System.nanoTime(), Math::min);
				for (ConsumerRecord<String, byte[]> record : records) {
					handler.handle(record);
				}
				count.add(records.count());
				last = System.nanoTime();
			}
		}
		return last;
	}

	/** Records of the topic not yet committed by the group. */
	long lag(String group, String topic) throws Exception {
		return BenchmarkEvents.lag(admin, group, topic);
	}

	private List<TopicPartition> partitions(String topic) throws InterruptedException, ExecutionException {
		return BenchmarkEvents.partitions(admin, topic);
	}

	private void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
		producer.send(record, (metadata, ex) -> {
			if (ex != null) {
				sendFailure.compareAndSet(null, ex);
			}
		});
	}

	private void failOnSendFailure() {
		if (sendFailure.get() != null) {
			throw new IllegalStateException("Publishing failed", sendFailure.get());
		}
	}

	/** What a consumer does with each record. */
	interface RecordHandler {

		void handle(ConsumerRecord<String, byte[]> record) throws Exception;

	}

	record Consumed(long events, double seconds) {

		double rate() {
			return events / seconds;
		}

	}

	@Override
	public void close() {
		bulk.close();
		immediate.close();
		admin.close();
	}

}
