package nl.phaseout.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import nl.phaseout.engine.tags.EndToEnd;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application as it runs for real: embedded Kafka broker on a free port, H2 in
 * file mode in a fresh data directory, HTTP on a free port. Subclasses share one context.
 * The tests' integrations publish as {@code /test/...} or {@code urn:test:...}, trusted here as
 * the dev profile trusts the demo's sources.
 */
@EndToEnd
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// A throttled login stays blocked long enough for a test to see it on a busy machine.
		properties = { "phaseout.kafka.embedded.port=0",
				"phaseout.inventory.trusted-sources=/intune/*,/test/*,urn:test:*",
				"phaseout.security.login-throttle.first-delay=30s",
				// An organisation's osquery topic, created during a test, is read within a second.
				"spring.kafka.consumer.properties.metadata.max.age.ms=1000",
				// histories spanning hours, as the contract's default staleAfter allows (the demo's is minutes)
				"phaseout.demo-stale-after=P14D" })
public abstract class EndToEndTest {

	private static final Path DATA_DIR = createDataDir();

	@Autowired
	protected TestRestTemplate http;

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("phaseout.data-dir", DATA_DIR::toString);
	}

	protected TestRestTemplate demo() {
		return http.withBasicAuth("demo", "demo");
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("phaseout-e2e-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
