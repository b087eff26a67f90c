package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * docker/compose.yaml cannot be run here (no Docker engine), so its structure is checked the
 * way the images would read it: the Kafka nodes' environment through the apache/kafka image's
 * mapping into a broker configuration that Kafka's own classes (the version the image runs)
 * validate, the engine nodes' environment through the prod profile's own check.
 */
class ComposeFileTest {

	private static final Path COMPOSE = Path.of("docker/compose.yaml");

	private static final Path ENV_EXAMPLE = Path.of("docker/.env.example");

	/** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}} ...; {@code $$} is a literal dollar. */
	private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?([^}]*)}");

	private static final Pattern BARE_VARIABLE = Pattern.compile("(?<!\\$)\\$[A-Za-z_]");

	private static ComposeFile compose;

	private static Map<String, String> envExample;

	@BeforeAll
	static void read() throws IOException {
		compose = ComposeFile.read(COMPOSE);
		envExample = new LinkedHashMap<>();
		for (String line : Files.readAllLines(ENV_EXAMPLE)) {
			String trimmed = line.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				String[] pair = trimmed.split("=", 2);
				envExample.put(pair[0].strip(), pair.length > 1 ? pair[1].strip() : "");
			}
		}
	}

	@Test
	void threeKafkaNodesRunTheKafkaVersionTheEngineIsBuiltWith() {
		assertThat(kafkaServices()).hasSize(3);
		for (String service : kafkaServices()) {
			assertThat(compose.service(service).get("image")).as(service)
				.isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
		}
	}

	@Test
	void kafkaNodesHaveDistinctIdsAndOneQuorumThatNamesEveryController() {
		Map<String, String> idToService = new HashMap<>();
		Set<String> quorums = new HashSet<>();
		Map<String, String> controllers = new HashMap<>();
		for (String service : kafkaServices()) {
			Map<String, String> broker = brokerProperties(service);
			assertThat(idToService.put(broker.get("node.id"), service)).as("node.id of " + service).isNull();
			quorums.add(broker.get("controller.quorum.voters"));
			if (Arrays.asList(broker.get("process.roles").split(",")).contains("controller")) {
				String listener = broker.get("controller.listener.names").split(",")[0];
				controllers.put(broker.get("node.id"), service + ":" + listenerPort(broker.get("listeners"), listener));
			}
		}
		assertThat(quorums).as("controller.quorum.voters, the same on every node").hasSize(1);

		Map<String, String> voters = new HashMap<>();
		for (String voter : quorums.iterator().next().split(",")) {
			String[] idAndAddress = voter.strip().split("@");
			voters.put(idAndAddress[0], idAndAddress[1]);
		}
		assertThat(voters).as("every controller, at its service name and CONTROLLER port").isEqualTo(controllers);
		assertThat(voters.size() % 2).as("an odd number of voters").isEqualTo(1);
	}

	@Test
	void kafkaNodesShareOneClusterId() {
		Set<String> clusterIds = kafkaServices().stream()
			.map(service -> compose.environment(service).get("CLUSTER_ID"))
			.collect(Collectors.toSet());

		assertThat(clusterIds).hasSize(1).doesNotContainNull();
		String clusterId = clusterIds.iterator().next();
		Matcher variable = VARIABLE.matcher(clusterId);
		if (variable.matches()) {
			assertThat(variable.group(2)).as(clusterId + " is required").isIn(":?", "?");
		}
		else {
			assertThatNoException().as("a base64 UUID").isThrownBy(() -> Uuid.fromString(clusterId));
		}
	}

	@Test
	void internalTopicsAreReplicatedToEveryNodeWithTwoInSync() {
		for (String service : kafkaServices()) {
			assertThat(brokerProperties(service)).as(service)
				.containsEntry("offsets.topic.replication.factor", "3")
				.containsEntry("transaction.state.log.replication.factor", "3")
				.containsEntry("transaction.state.log.min.isr", "2")
				.containsEntry("default.replication.factor", "3")
				.containsEntry("min.insync.replicas", "2")
				.containsEntry("auto.create.topics.enable", "false");
		}
	}

	@Test
	void everyKafkaNodeIsAValidBrokerAsTheImageReadsItsEnvironment() {
		Set<String> known = new HashSet<>(KafkaConfig.configDef().names());
		// read by the authorizer the brokers configure, not by KafkaConfig
		known.addAll(
				Set.of(StandardAuthorizer.SUPER_USERS_CONFIG, StandardAuthorizer.ALLOW_EVERYONE_IF_NO_ACL_IS_FOUND_CONFIG));
		for (String service : kafkaServices()) {
			Map<String, String> environment = compose.environment(service);
			assertThat(environment.keySet()).as(service + " leaves no single-node default of the image in place")
				.containsAll(KafkaImageEnvironment.SINGLE_NODE_DEFAULTS);
			Map<String, String> broker = brokerProperties(service);
			Set<String> listeners = Arrays.stream(broker.get("listeners").split(","))
				.map(listener -> listener.split("://")[0].toLowerCase(Locale.ROOT))
				.collect(Collectors.toSet());
			assertThat(broker.keySet().stream().map(name -> perListener(name, listeners)))
				.as(service + ": broker settings Kafka knows (a typo would be ignored)")
				.allSatisfy(name -> assertThat(known).contains(name));

			Properties properties = new Properties();
			properties.putAll(broker);
			assertThatNoException().as(service).isThrownBy(() -> KafkaConfig.fromProps(properties, false));

			assertThat(compose.namedVolumes(service).values()).as(service + " keeps its log on its volume")
				.anySatisfy(target -> assertThat(broker.get("log.dirs")).startsWith(target));
		}
	}

	@Test
	void engineNodesRunTheProdProfileOnOneDatabaseAndTheWholeKafkaCluster() {
		assertThat(engineServices()).hasSizeGreaterThanOrEqualTo(2);
		Set<String> brokers = new HashSet<>();
		for (String kafka : kafkaServices()) {
			Map<String, String> broker = brokerProperties(kafka);
			String interBroker = broker.get("inter.broker.listener.name");
			brokers.add(listenerAddress(broker.get("advertised.listeners"), interBroker));
		}
		Map<String, String> postgres = compose.environment("postgres");

		for (String engine : engineServices()) {
			Map<String, String> environment = compose.environment(engine);
			assertThat(environment).as(engine)
				.containsEntry("SPRING_PROFILES_ACTIVE", "prod")
				.containsEntry("SPRING_DATASOURCE_URL",
						"jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
				.containsEntry("SPRING_DATASOURCE_USERNAME", postgres.get("POSTGRES_USER"))
				.containsEntry("SPRING_DATASOURCE_PASSWORD", postgres.get("POSTGRES_PASSWORD"));
			assertThat(Set.of(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS").split(",")))
				.as(engine + " bootstraps from every broker")
				.isEqualTo(brokers);
			assertThat(Integer.parseInt(environment.get("PHASEOUT_KAFKA_TOPICS_REPLICATION_FACTOR")))
				.as(engine + " replicates its topics to every broker")
				.isEqualTo(kafkaServices().size());
			assertThatNoException().as(engine + " passes the prod profile's check of its settings")
				.isThrownBy(() -> new ProductionSettingsCheck().postProcessEnvironment(prodEnvironment(environment),
						null));
		}
	}

	@Test
	void engineNodesAreHealthCheckedAndStartOneAtATimeOnceTheirServicesAreHealthy() {
		List<String> engines = engineServices();
		for (String engine : engines) {
			Map<String, Object> service = compose.service(engine);
			assertThat(ComposeFile.list(ComposeFile.map(service.get("healthcheck")).get("test")))
				.as(engine + " probes its health")
				.contains("nl.phaseout.engine.system.ContainerHealthCheck");
			Map<String, Map<String, Object>> dependsOn = ComposeFile.map(service.get("depends_on"));
			List<String> needed = new ArrayList<>(kafkaServices());
			needed.add("postgres");
			if (!engine.equals(engines.get(0))) {
				needed.add(engines.get(0));
			}
			for (String dependency : needed) {
				assertThat(dependsOn.get(dependency)).as(engine + " waits for " + dependency)
					.containsEntry("condition", "service_healthy");
			}
		}
		Set<String> oneShot = oneShotServices();
		for (String service : compose.services().keySet()) {
			if (oneShot.contains(service)) {
				assertThat(compose.service(service).get("restart")).as(service + " runs once").isEqualTo("no");
			}
			else {
				assertThat(compose.service(service)).as(service + " has a health check").containsKey("healthcheck");
			}
		}
	}

	@Tag("security")
	@Test
	void everyKafkaListenerAuthenticatesAndEveryRightIsAnAcl() {
		for (String service : kafkaServices()) {
			Map<String, String> broker = brokerProperties(service);
			for (String listener : broker.get("listener.security.protocol.map").split(",")) {
				assertThat(listener.split(":")[1]).as(service + ": listener " + listener).startsWith("SASL_");
			}
			assertThat(broker).as(service)
				.containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
				.containsEntry("super.users", "User:admin")
				.containsEntry("allow.everyone.if.no.acl.found", "false");
			for (String listener : broker.get("listeners").split(",")) {
				String name = listener.split("://")[0].toLowerCase(Locale.ROOT);
				assertThat(broker).as(service + ": the users of listener " + name)
					.containsKey("listener.name." + name + ".plain.sasl.jaas.config");
			}
		}
	}

	@Tag("security")
	@Test
	void eachFeedsPrincipalAloneWritesItsTopicAndOnlyTheEngineWritesTheManualUploads() {
		List<Acl> acls = acls();
		Set<String> users = jaasUsers(
				brokerProperties(kafkaServices().get(0)).get("listener.name.internal.plain.sasl.jaas.config"));
		assertThat(acls).extracting(acl -> acl.principal().substring("User:".length()))
			.as("every principal granted a right can log in")
			.allSatisfy(principal -> assertThat(users).contains(principal));
		for (String engine : engineServices()) {
			Map<String, String> environment = compose.environment(engine);
			String principal = "User:" + jaasUsername(environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
			assertThat(environment).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
				.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "PLAIN");
			assertThat(acls.stream().filter(acl -> acl.grantsWriteOn("phaseout.inventory.manual")))
				.as("only the engine writes the manual uploads")
				.extracting(Acl::principal)
				.containsOnly(principal);
			Map<String, String> feeds = feeds(environment);
			assertThat(feeds).as(engine + " reads at least one feed").isNotEmpty();
			Set<String> feedPrincipals = new HashSet<>();
			feeds.forEach((topic, sources) -> {
				List<String> writers = acls.stream().filter(acl -> acl.grantsWriteOn(topic)).map(Acl::principal).toList();
				assertThat(writers).as("one principal writes " + topic).hasSize(1).doesNotContain(principal);
				assertThat(feedPrincipals.add(writers.get(0))).as(writers.get(0) + " writes one feed only").isTrue();
				assertThat(acls.stream().filter(acl -> acl.principal().equals(writers.get(0))))
					.as(writers.get(0) + " may do nothing else")
					.allSatisfy(acl -> assertThat(acl.grantsWriteOn(topic) && acl.operations().size() == 1).isTrue());
			});
			assertThat(acls.stream().filter(acl -> acl.principal().equals(principal)))
				.as("the engine writes no feed's topic")
				.noneMatch(acl -> feeds.keySet().stream().anyMatch(acl::grantsWriteOn));
			assertThat(acls).as("the engine reads and creates its topics, in its consumer group, and publishes"
					+ " uploads in transactions")
				.contains(new Acl(principal, Set.of("Read", "Describe", "Create"), "topic", "phaseout.", "prefixed"),
						new Acl(principal, Set.of("Read"), "group", "phaseout-engine", "literal"),
						new Acl(principal, Set.of("Write", "Describe"), "transactional-id",
								"phaseout-manual-inventory-", "prefixed"));
			assertThat(Set.of("phaseout.inventory.dlt", "phaseout.status")).as("the engine's own topics")
				.allSatisfy(topic -> assertThat(acls).anyMatch(acl -> acl.principal().equals(principal)
						&& acl.grantsWriteOn(topic)));
			assertThat(ComposeFile.<Map<String, Object>>map(compose.service(engine).get("depends_on")).get("kafka-acls"))
				.as(engine + " starts once the ACLs are in place")
				.containsEntry("condition", "service_completed_successfully");
		}
	}

	@Test
	void everyVariableIsRequiredOrListedInTheEnvExample() {
		Matcher variable = VARIABLE.matcher(compose.text());
		Set<String> used = new HashSet<>();
		while (variable.find()) {
			String name = variable.group(1);
			used.add(name);
			boolean required = "?".equals(variable.group(2)) || ":?".equals(variable.group(2));
			assertThat(required || envExample.containsKey(name)).as("${%s} is required or in .env.example", name)
				.isTrue();
			if (name.matches(".*(PASSWORD|SECRET|TOKEN).*")) {
				assertThat(variable.group(2)).as("secret ${%s} is required, without a default", name).isEqualTo(":?");
			}
		}
		assertThat(BARE_VARIABLE.matcher(compose.text()).find()).as("variables are written ${NAME}").isFalse();
		assertThat(envExample.keySet()).as(".env.example lists what compose.yaml uses").isEqualTo(used);
		envExample.forEach((name, value) -> {
			if (name.matches(".*(PASSWORD|SECRET|TOKEN).*")) {
				assertThat(value).as(".env.example gives no value for the secret " + name).isEmpty();
			}
		});
	}

	@Test
	void noTwoServicesPublishTheSameHostPort() {
		List<Integer> published = compose.services()
			.keySet()
			.stream()
			.flatMap(service -> compose.publishedPorts(service).stream())
			.toList();

		assertThat(published).doesNotHaveDuplicates().contains(8080, 8081);
	}

	@Test
	void everyVolumeIsDeclaredAndNoneIsShared() {
		Map<String, String> owner = new HashMap<>();
		for (String service : compose.services().keySet()) {
			for (String volume : compose.namedVolumes(service).keySet()) {
				assertThat(compose.declaredVolumes()).as(volume + ", used by " + service).containsKey(volume);
				assertThat(owner.put(volume, service)).as(volume + " is shared with " + owner.get(volume)).isNull();
			}
		}
		for (String service : concat(kafkaServices(), engineServices(), List.of("postgres"))) {
			assertThat(compose.namedVolumes(service)).as(service + " has a volume of its own").isNotEmpty();
		}
	}

	@Test
	void postgresIsVersion15OrLaterWithItsPasswordRequired() {
		String image = String.valueOf(compose.service("postgres").get("image"));
		assertThat(image).matches("postgres:\\d+(\\.\\d+)?");
		assertThat(Integer.parseInt(image.replaceAll("postgres:(\\d+).*", "$1"))).isGreaterThanOrEqualTo(15);
		assertThat(compose.environment("postgres").get("POSTGRES_PASSWORD")).startsWith("${POSTGRES_PASSWORD:?");
	}

	/** The Kafka nodes: the apache/kafka image with a node id (the kafka-acls task runs the image's tools). */
	private static List<String> kafkaServices() {
		return compose.services()
			.keySet()
			.stream()
			.filter(service -> String.valueOf(compose.service(service).get("image")).startsWith("apache/kafka:"))
			.filter(service -> compose.environment(service).containsKey("KAFKA_NODE_ID"))
			.sorted()
			.toList();
	}

	/** Tasks that run once and end: others wait for them to complete, not to be healthy. */
	private static Set<String> oneShotServices() {
		Set<String> oneShot = new HashSet<>();
		for (String service : compose.services().keySet()) {
			Map<String, Map<String, Object>> dependsOn = ComposeFile.map(compose.service(service).get("depends_on"));
			if (dependsOn != null) {
				dependsOn.forEach((dependency, condition) -> {
					if ("service_completed_successfully".equals(condition.get("condition"))) {
						oneShot.add(dependency);
					}
				});
			}
		}
		return oneShot;
	}

	/** The ACLs the kafka-acls task adds: principal, operations, resource type, name, pattern type. */
	private static List<Acl> acls() {
		List<Acl> acls = new ArrayList<>();
		String script = String.valueOf(ComposeFile.list(compose.service("kafka-acls").get("command")).get(0));
		for (String line : script.split("\n")) {
			List<String> words = Arrays.asList(line.strip().split("\\s+"));
			if (words.isEmpty() || !words.get(0).equals("acls")) {
				continue;
			}
			String principal = null;
			String type = null;
			String name = null;
			String pattern = "literal";
			Set<String> operations = new HashSet<>();
			for (int i = 1; i + 1 < words.size(); i += 2) {
				String value = words.get(i + 1);
				switch (words.get(i)) {
					case "--allow-principal" -> principal = value;
					case "--operation" -> operations.add(value);
					case "--topic", "--group", "--transactional-id" -> {
						type = words.get(i).substring(2);
						name = value;
					}
					case "--resource-pattern-type" -> pattern = value;
					default -> throw new AssertionError("unexpected option " + words.get(i) + " in: " + line);
				}
			}
			acls.add(new Acl(principal, operations, type, name, pattern));
		}
		return acls;
	}

	record Acl(String principal, Set<String> operations, String type, String name, String pattern) {

		boolean grantsWriteOn(String topic) {
			return "topic".equals(type) && operations.contains("Write")
					&& ("prefixed".equals(pattern) ? topic.startsWith(name) : topic.equals(name));
		}

	}

	/** The users a JAAS configuration of PlainLoginModule defines ({@code user_<name>="..."}). */
	private static Set<String> jaasUsers(String jaas) {
		Set<String> users = new HashSet<>();
		Matcher user = Pattern.compile("user_([A-Za-z0-9._-]+)=").matcher(jaas);
		while (user.find()) {
			users.add(user.group(1));
		}
		return users;
	}

	private static String jaasUsername(String jaas) {
		Matcher username = Pattern.compile("username=\"([^\"]+)\"").matcher(jaas);
		assertThat(username.find()).as("a username in " + jaas).isTrue();
		return username.group(1);
	}

	/** The engine's feeds: topic to sources, from PHASEOUT_INVENTORY_FEEDS_<n>_TOPIC and _SOURCES. */
	private static Map<String, String> feeds(Map<String, String> engine) {
		Map<String, String> feeds = new LinkedHashMap<>();
		for (int i = 0; engine.containsKey("PHASEOUT_INVENTORY_FEEDS_" + i + "_TOPIC"); i++) {
			feeds.put(engine.get("PHASEOUT_INVENTORY_FEEDS_" + i + "_TOPIC"),
					engine.get("PHASEOUT_INVENTORY_FEEDS_" + i + "_SOURCES"));
		}
		return feeds;
	}

	private static List<String> engineServices() {
		return compose.services()
			.keySet()
			.stream()
			.filter(service -> "docker/Dockerfile"
				.equals(ComposeFile.map(compose.service(service).get("build")).get("dockerfile")))
			.sorted()
			.toList();
	}

	/**
	 * A setting for one listener ({@code listener.name.<listener>.[<mechanism>.]<setting>}) as the
	 * setting it overrides, for a listener the broker has; any other name as it is.
	 */
	private static String perListener(String name, Set<String> listeners) {
		Matcher perListener = Pattern.compile("listener\\.name\\.([^.]+)\\.(?:(?:plain|scram-sha-256|scram-sha-512|"
				+ "gssapi|oauthbearer)\\.)?(.+)").matcher(name);
		if (perListener.matches() && listeners.contains(perListener.group(1))) {
			return perListener.group(2);
		}
		return name;
	}

	private static Map<String, String> brokerProperties(String service) {
		return KafkaImageEnvironment.brokerProperties(compose.environment(service));
	}

	private static String listenerPort(String listeners, String name) {
		String address = listenerAddress(listeners, name);
		return address.substring(address.lastIndexOf(':') + 1);
	}

	private static String listenerAddress(String listeners, String name) {
		for (String listener : listeners.split(",")) {
			String[] nameAndAddress = listener.strip().split("://");
			if (nameAndAddress[0].equals(name)) {
				return nameAndAddress[1];
			}
		}
		throw new AssertionError("no listener " + name + " in " + listeners);
	}

	/** The engine's environment as the JVM in its container sees it, secrets filled in. */
	private static StandardEnvironment prodEnvironment(Map<String, String> variables) {
		Map<String, Object> resolved = new HashMap<>();
		variables.forEach((name, value) -> resolved.put(name, VARIABLE.matcher(value).replaceAll("value-of-$1")));
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							resolved));
		environment.setActiveProfiles(String.valueOf(resolved.get("SPRING_PROFILES_ACTIVE")).split(","));
		return environment;
	}

	@SafeVarargs
	private static List<String> concat(List<String>... lists) {
		return Arrays.stream(lists).flatMap(List::stream).toList();
	}

}
