package nl.phaseout.engine.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.phaseout.engine.system.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The load generator, the plain consumer that sets the ceiling, and consumer-group lag. */
final class BenchmarkKafka implements AutoCloseable {

	static final String NAIVE_TOPIC = "benchmark.naive";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String bootstrap;

	private final Admin admin;

	private final KafkaProducer<String, byte[]> bulk;

	private final KafkaProducer<String, byte[]> immediate;

	private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

	BenchmarkKafka(String bootstrap) {
		this.bootstrap = bootstrap;
		this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
		createNaiveTopic();
		this.bulk = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 20,
				"batch.size", 256 * 1024), new StringSerializer(), new ByteArraySerializer());
		this.immediate = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 0),
				new StringSerializer(), new ByteArraySerializer());
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
		figures.put("workload published", String.format("%,d events in %.1f s", settings.throughputEvents(), seconds),
				settings.organisations() + " organisations x " + endpoints
						+ " endpoints + one scan-completed each, keyed by organisation");
	}

	/** Created before anything is published: a fresh topic's leaders may still move under a producer. */
	private void createNaiveTopic() {
		try {
			admin.createTopics(List.of(new NewTopic(NAIVE_TOPIC, 3, (short) 1))).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create " + NAIVE_TOPIC, ex);
		}
	}

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

	/** Sends without linger; returns once handed to the client (not acknowledged). */
	void publishNow(String organisationId, byte[] event) {
		send(immediate, Workload.record(Topics.INVENTORY, organisationId, event));
	}

	void flushNow() {
		immediate.flush();
		failOnSendFailure();
	}

	/** A plain consumer (no group) reading the workload from the start and parsing every event. */
	void ceiling(int events, Figures figures) {
		try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.INVENTORY)) {
			long first = 0;
			long count = 0;
			long organisations = 0;
			while (count < events) {
				ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(5));
				if (records.isEmpty()) {
					throw new IllegalStateException("Ceiling consumer saw " + count + " of " + events + " events");
				}
				if (first == 0) {
					first = System.nanoTime();
				}
				for (ConsumerRecord<String, byte[]> record : records) {
					JsonNode event = JSON.readTree(record.value());
					if (event.path("data").path("organisationId").asText().equals(record.key())) {
						organisations++;
					}
					count++;
				}
			}
			double seconds = (System.nanoTime() - first) / 1e9;
			if (organisations != count) {
				throw new IllegalStateException("Ceiling consumer parsed events whose key is not their organisation");
			}
			figures.number("ceiling.rate", count / seconds);
			figures.put("1. ceiling: plain KafkaConsumer, read + parse", Figures.rate(count / seconds),
					String.format("%,d events in %.2f s, JSON parsed with Jackson, one thread", count, seconds));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	KafkaConsumer<String, byte[]> consumer(String topic) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
				"enable.auto.commit", false, "isolation.level", "read_committed", "max.poll.records", 1000),
				new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = consumer.partitionsFor(topic)
			.stream()
			.map(p -> new TopicPartition(topic, p.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		return consumer;
	}

	/** Records of the topic not yet committed by the group. */
	long lag(String group, String topic) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get();
		List<TopicPartition> partitions = admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.stream()
			.map(p -> new TopicPartition(topic, p.partition()))
			.toList();
		var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
			.all()
			.get();
		long lag = 0;
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata offset = committed.get(partition);
			lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
		}
		return lag;
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

	@Override
	public void close() {
		bulk.close();
		immediate.close();
		admin.close();
	}

}
