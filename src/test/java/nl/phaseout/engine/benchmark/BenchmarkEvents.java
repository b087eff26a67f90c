package nl.phaseout.engine.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What every benchmark publishes and watches, as a feed does: a CloudEvent in structured mode, its record on
 * a topic, and how far a consumer group is behind on a topic.
 */
public final class BenchmarkEvents {

	private static final ObjectMapper JSON = new ObjectMapper();

	private BenchmarkEvents() {
	}

	/** A CloudEvent with a fresh id, the given source and type, and the data as JSON. */
	public static byte[] cloudEvent(String source, String type, Map<String, Object> data) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("specversion", "1.0");
		event.put("id", UUID.randomUUID().toString());
		event.put("source", source);
		event.put("type", type);
		event.put("datacontenttype", "application/json");
		event.put("data", data);
		try {
			return JSON.writeValueAsBytes(event);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The event as a record keyed by organisation, with the structured mode's content type. */
	public static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
		record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
		return record;
	}

	/** Records on the topic that the group has not committed yet, over all its partitions. */
	public static long lag(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get();
		List<TopicPartition> partitions = partitions(admin, topic);
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

	static List<TopicPartition> partitions(Admin admin, String topic) throws ExecutionException, InterruptedException {
		return admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.stream()
			.map(p -> new TopicPartition(topic, p.partition()))
			.toList();
	}

}
