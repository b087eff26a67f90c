package nl.phaseout.engine.robust;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import nl.phaseout.engine.system.EmbeddedKafkaBroker;

/**
 * A single-node KRaft Kafka broker in a JVM of its own, the engine's {@link EmbeddedKafkaBroker}
 * driven from a main: a cluster that outlives any engine node. Arguments: the log directory, the
 * port, the default partition count. Prints {@value #READY} and the bootstrap address once
 * clients can connect, and stops the broker on SIGTERM.
 */
public final class StandaloneBroker {

	static final String READY = "BROKER READY ";

	private StandaloneBroker() {
	}

	public static void main(String[] args) throws InterruptedException {
		// without a Spring context logback logs everything at DEBUG: the broker's own chatter is not wanted
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
		((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
		((Logger) LoggerFactory.getLogger("kafka")).setLevel(Level.WARN);
		EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(Path.of(args[0]), "localhost", Integer.parseInt(args[1]),
				Integer.parseInt(args[2]));
		broker.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			broker.stop();
			stopped.countDown();
		}, "broker-shutdown"));
		System.out.println(READY + broker.bootstrapServers());
		System.out.flush();
		stopped.await();
	}

}
