package nl.phaseout.engine.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The root of the project's settings tree, {@code phaseout.*}, with its defaults: the one record
 * bound to {@code phaseout}. The subtrees a single module owns are records of that module, each
 * bound to its own prefix and nowhere else: {@code phaseout.inventory} ({@code InventoryProperties}),
 * {@code phaseout.inventory.manual} ({@code ManualInventoryProperties}), {@code phaseout.process}
 * ({@code ProcessProperties}), {@code phaseout.reporting}
 * ({@code ReportingProperties}) and {@code phaseout.security} ({@code SecuritySettings}). No
 * {@code @Value}.
 *
 * @param dataDir where the embedded broker's log and the H2 files live
 * @param kafka the embedded broker and the topics
 * @param campaigns the campaigns this installation runs, created or updated at every start
 * @param status the {@code phaseout.status} events this engine publishes
 * @param admin the demo administrator ({@code dev} profile only; other profiles use
 * {@code camunda.bpm.admin-user})
 * @param publicUrl where users reach this application (scheme, host, port, no trailing slash), for the
 * links in the mails it sends
 */
@ConfigurationProperties("phaseout")
public record PhaseoutProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Kafka kafka,
		List<Campaign> campaigns, @DefaultValue Status status, @DefaultValue Admin admin,
		@DefaultValue("http://localhost:8080") URI publicUrl) {

	@ConstructorBinding
	public PhaseoutProperties {
		campaigns = campaigns == null ? List.of() : campaigns;
		publicUrl = publicUrl == null ? URI.create("http://localhost:8080") : publicUrl;
	}

	/** Settings without a public URL: the default one. */
	public PhaseoutProperties(Path dataDir, Kafka kafka, List<Campaign> campaigns, Status status, Admin admin) {
		this(dataDir, kafka, campaigns, status, admin, null);
	}

	/**
	 * @param deadlines ISO-8601 durations from registration, or absolute dates; any may be left out
	 * @param statusReportInterval ISO-8601 duration between status reports
	 * @param vendors the banned product's vendors, whose contract terminations count: each a part of the
	 * vendor's name, regardless of case (the rule the product classification applies)
	 */
	public record Campaign(String id, String name, LocalDate decisionDate,
			@DefaultValue("phaseout-applicability") String applicabilityDecision,
			@DefaultValue("phaseout-product-classification") String classificationDecision,
			@DefaultValue Deadlines deadlines, String statusReportInterval, @DefaultValue("true") boolean active,
			@DefaultValue("kaspersky") List<String> vendors, @DefaultValue("P14D") String staleAfter,
			@DefaultValue Exemptions exemptions, String decisionReference) {
	}

	/**
	 * @param allowed whether project managers may ask for endpoints to be exempted
	 * @param maxUntil the last day an exemption may run to, or none
	 * @param allowSignOff whether an organisation with exempted endpoints may reach sign-off
	 */
	public record Exemptions(@DefaultValue("false") boolean allowed, LocalDate maxUntil,
			@DefaultValue("false") boolean allowSignOff) {
	}

	public record Deadlines(String inventory, String plan, String rolloutStart, String completion) {
	}

	/** @param source the CloudEvents {@code source} of the events on {@code phaseout.status} */
	public record Status(@DefaultValue("/phaseout-engine") String source) {
	}

	/**
	 * @param user the administrator's id; none unless set
	 * @param password the administrator's password; none unless set
	 */
	public record Admin(String user, String password) {
	}

	/**
	 * @param embedded the in-process broker used when no external cluster is configured
	 * @param topics how the contract's topics are created
	 */
	public record Kafka(@DefaultValue Embedded embedded, @DefaultValue Topics topics) {
	}

	/**
	 * @param enabled set by {@link EmbeddedKafkaEnvironment}: true unless
	 * {@code spring.kafka.bootstrap-servers} is given
	 * @param host the address the broker listens on and advertises
	 * @param port the client port; 0 picks a free one
	 */
	public record Embedded(@DefaultValue("true") boolean enabled, @DefaultValue("localhost") String host,
			@DefaultValue("9092") int port) {
	}

	/**
	 * @param partitions partitions of each contract topic
	 * @param replicationFactor replicas of each contract topic (1 for the embedded broker)
	 */
	public record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {
	}

}
