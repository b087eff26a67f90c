package nl.phaseout.engine.robust;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Tests without a Spring context get logback's default DEBUG: keep the Kafka clients' config dumps out. */
final class Quiet {

	private Quiet() {
	}

	static void kafkaClients() {
		((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
	}

}
