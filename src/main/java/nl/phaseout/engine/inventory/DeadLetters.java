package nl.phaseout.engine.inventory;

import nl.phaseout.engine.inventory.event.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Publishes a record that can never be accepted to the dead-letter topic, synchronously. */
interface DeadLetters {

	void publish(ConsumerRecord<String, byte[]> record, InvalidEventException reason);

}
